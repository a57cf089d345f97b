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

#include <cstdio>
#include <string>

namespace sanad::core::pcsc {

using Long = LONG;
using Dword = DWORD;

// Windows has ANSI and wide variants; reader names here are narrow strings: call the A ones.
#ifdef _WIN32
using ReaderState = SCARD_READERSTATEA;
inline Long listReaders(SCARDCONTEXT c, char* buffer, Dword* size) {
    return SCardListReadersA(c, nullptr, buffer, size);
}
inline Long getStatusChange(SCARDCONTEXT c, Dword timeoutMs, ReaderState* states, Dword n) {
    return SCardGetStatusChangeA(c, timeoutMs, states, n);
}
inline Long connect(SCARDCONTEXT c, const char* reader, SCARDHANDLE* card, Dword* protocol) {
    return SCardConnectA(c, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, card,
                         protocol);
}
#else
using ReaderState = SCARD_READERSTATE;
inline Long listReaders(SCARDCONTEXT c, char* buffer, Dword* size) {
    return SCardListReaders(c, nullptr, buffer, size);
}
inline Long getStatusChange(SCARDCONTEXT c, Dword timeoutMs, ReaderState* states, Dword n) {
    return SCardGetStatusChange(c, timeoutMs, states, n);
}
inline Long connect(SCARDCONTEXT c, const char* reader, SCARDHANDLE* card, Dword* protocol) {
    return SCardConnect(c, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, card,
                        protocol);
}
#endif

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
    std::snprintf(buffer, sizeof buffer, "PC/SC error 0x%08lX", static_cast<unsigned long>(rv));
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
