#pragma once

// GDT import (DESIGN.md, "Practice system (PVS) import"): record type 6301 "Stammdaten
// übermitteln" of GDT 2.1 and 3.0, as a practice system writes it into the exchange folder.
// Pure functions of the file's bytes; no I/O but readGdtFile. Thread-safe: no shared state.

#include "sanad/core/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::core {

/// Field 9206. A record without it is IBM437 (the GDT 2.1 default).
enum class GdtCharset {
    Ascii7,    // 1
    Ibm437,    // 2
    Iso8859_1  // 3
};

/// One patient: one 6301 record. Text is UTF-8.
struct GdtPatient {
    std::string patientId;  // 3000, never empty
    std::string surname;    // 3101, never empty
    std::string firstName;  // 3102, may be empty
    /// 3103 (DDMMYYYY) as "YYYY-MM-DD"; none when absent or not a date. The console does not
    /// keep it; `sanad-cli gdt read` shows it.
    std::optional<std::string> birthDate;
    std::string version;  // 9218, e.g. "02.10" or "03.00"; empty when absent
    GdtCharset charset = GdtCharset::Ibm437;
};

/// What a readable file holds.
struct GdtImport {
    std::vector<GdtPatient> patients;  // in file order, at least one
    /// What was untidy but read anyway (a line length off by one, an 8100 that does not match, a
    /// field given twice, a birth date that is no date). Never patient data: safe to log.
    std::vector<std::string> warnings;
    /// The last record is shorter than its 8100 says: the file may still be being written. The
    /// watcher waits for such a file to settle before it imports it (with the warning).
    bool shorterThanDeclared = false;
};

/// A file that is not imported at all: no 6301 record, a 6301 without 3000 or 3101, bytes that do
/// not split into GDT lines, an unknown 9206. `message()` is the reason, without patient data.
class GdtError : public Error {
public:
    GdtError(const std::string& reason, bool truncated) : Error(reason), truncated_(truncated) {}
    const char* name() const noexcept override { return "GDT error"; }
    Poco::Exception* clone() const override { return new GdtError(*this); }
    void rethrow() const override { throw *this; }
    /// The bytes end in the middle of a line: possibly a file still being written.
    bool truncated() const { return truncated_; }

private:
    bool truncated_;
};

/// Parses a GDT file's bytes. Each line is `LLL FFFF content CRLF` (LLL = the whole line's length
/// incl. CRLF); a prefix off by up to two while the line ends cleanly at CRLF is read with a
/// warning. GDT 3.0 object markers (8200, 8201, 8002, 8003) are skipped, fields we do not need
/// too, records other than 6301 as well. Trailing NUL/^Z/CR/LF bytes after the last line are
/// ignored. Throws GdtError.
GdtImport parseGdt(std::string_view bytes);

/// Reads a whole file and parses it. Throws GdtError for a broken file, Poco::Exception when the
/// file cannot be read.
GdtImport readGdtFile(const std::string& path);

/// "First Surname" (just the surname when there is no first name).
std::string displayName(const GdtPatient& patient);

/// The 9206 value's name: "7-bit ASCII", "IBM437", "ISO-8859-1".
const char* toString(GdtCharset charset);

}  // namespace sanad::core
