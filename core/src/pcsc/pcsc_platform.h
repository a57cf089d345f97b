#pragma once
// The differences between winscard (Windows) and pcsc-lite (Linux, macOS), in one place:
// header names, the integer types (DWORD/LONG are 8 bytes on Linux x86_64, 4 on Windows), the
// PnP pseudo-reader, and which error codes mean "the service is gone".

#ifdef _WIN32
#include <windows.h>
#include <winscard.h>
#else
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#endif

#include <string>

namespace sanad::core::pcsc {

using Long = LONG;
using Dword = DWORD;
using ReaderStateArray = SCARD_READERSTATE;

inline constexpr const char* kPnpNotification = "\\\\?PnP?\\Notification";

/// The PC/SC service went away (daemon stopped, or Windows stopped it with the last reader):
/// release the context and establish a new one.
inline bool serviceGone(Long rv) {
    return rv == static_cast<Long>(SCARD_E_NO_SERVICE) ||
           rv == static_cast<Long>(SCARD_E_SERVICE_STOPPED) ||
           rv == static_cast<Long>(SCARD_F_COMM_ERROR) ||
           rv == static_cast<Long>(SCARD_E_INVALID_HANDLE);
}

/// A text an IT admin can look up; pcsc_stringify_error exists only in pcsc-lite.
inline std::string errorText(Long rv) {
#ifdef _WIN32
    char buffer[32];
    snprintf(buffer, sizeof buffer, "0x%08lX", static_cast<unsigned long>(rv));
    return buffer;
#else
    return pcsc_stringify_error(rv);
#endif
}

/// The insert/remove counter pcsc-lite and Windows keep in the high word of dwEventState.
inline unsigned eventCounter(Dword eventState) {
    return static_cast<unsigned>(eventState >> 16);
}

}  // namespace sanad::core::pcsc
