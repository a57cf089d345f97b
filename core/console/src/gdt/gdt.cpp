// The GDT 6301 parser (gdt.h). Two steps: the bytes are split into lines (each checked against
// its length prefix), then the lines are grouped into records by 8000 and the fields we need are
// picked out; text is converted to UTF-8 when the record is complete (its 9206 may come late).
#include "sanad/core/gdt.h"

#include "ibm437_encoding.h"

#include <Poco/ASCIIEncoding.h>
#include <Poco/FileStream.h>
#include <Poco/Latin1Encoding.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <cctype>

namespace sanad::core {

namespace {

/// Length prefixes that practice systems get wrong by this much are still read.
constexpr long kLengthSlack = 2;
constexpr std::size_t kMinLine = 9;  // LLL FFFF CRLF

struct Line {
    std::size_t number = 0;  // 1-based, for the reasons
    std::size_t start = 0;   // byte offset of the line
    std::size_t length = 0;  // its real length, CRLF included
    std::string_view field;
    std::string_view content;
};

bool allDigits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lineRef(std::size_t number) {
    return "line " + std::to_string(number);
}

/// Trailing bytes some writers leave after the last line: NULs, the DOS end-of-file ^Z, blank.
bool onlyTrailingJunk(std::string_view rest) {
    return std::all_of(rest.begin(), rest.end(), [](char c) {
        return c == '\0' || c == '\x1a' || c == '\r' || c == '\n' || c == ' ';
    });
}

std::vector<Line> splitLines(std::string_view bytes, std::vector<std::string>& warnings) {
    if (bytes.empty()) {
        throw GdtError("the file is empty", true);
    }
    std::vector<Line> lines;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const std::size_t number = lines.size() + 1;
        const std::string_view rest = bytes.substr(pos);
        if (!lines.empty() && onlyTrailingJunk(rest)) {
            break;
        }
        const std::size_t lf = bytes.find('\n', pos);
        const bool digitsSoFar = allDigits(rest.substr(0, std::min<std::size_t>(rest.size(), 7)));
        if (lf == std::string_view::npos) {
            // Either a file still being written, or no GDT at all.
            throw GdtError(lineRef(number) + ": ends without CRLF", digitsSoFar);
        }
        if (!digitsSoFar || lf - pos + 1 < kMinLine) {
            throw GdtError(lineRef(number) + ": not a GDT line (LLL FFFF content CRLF)", false);
        }
        if (bytes[lf - 1] != '\r') {
            throw GdtError(lineRef(number) + ": ends with LF alone, not CRLF", false);
        }
        const std::size_t length = lf + 1 - pos;
        const long declared = std::stol(std::string(rest.substr(0, 3)));
        if (declared != static_cast<long>(length)) {
            const long off = static_cast<long>(length) - declared;
            if (off > kLengthSlack || off < -kLengthSlack) {
                throw GdtError(lineRef(number) + ": its length prefix says " +
                                   std::to_string(declared) + " bytes, the line has " +
                                   std::to_string(length),
                               false);
            }
            warnings.push_back(lineRef(number) + ": length prefix " + std::to_string(declared) +
                               ", the line has " + std::to_string(length) + " bytes (read anyway)");
        }
        lines.push_back(
            {number, pos, length, rest.substr(3, 4), rest.substr(7, length - kMinLine)});
        pos += length;
    }
    return lines;
}

/// The fields of one record, still in the file's character set.
struct RawRecord {
    std::size_t number = 0;  // 1-based
    std::string type;
    std::size_t start = 0;
    std::size_t end = 0;
    std::optional<long> declaredLength;  // 8100
    std::optional<std::string_view> charset, version, patientId, surname, firstName, birthDate;
};

std::optional<std::string_view>* slotFor(RawRecord& r, std::string_view field) {
    if (field == "9206")
        return &r.charset;
    if (field == "9218")
        return &r.version;
    if (field == "3000")
        return &r.patientId;
    if (field == "3101")
        return &r.surname;
    if (field == "3102")
        return &r.firstName;
    if (field == "3103")
        return &r.birthDate;
    return nullptr;  // not needed (8315, 3110, GDT 3.0 object markers 8200/8201, …): skipped
}

std::vector<RawRecord> groupRecords(const std::vector<Line>& lines,
                                    std::vector<std::string>& warnings) {
    std::vector<RawRecord> records;
    for (const Line& line : lines) {
        if (line.field == "8000") {
            RawRecord r;
            r.number = records.size() + 1;
            r.type = Poco::trim(std::string(line.content));
            r.start = line.start;
            records.push_back(std::move(r));
        } else if (records.empty()) {
            throw GdtError(lineRef(line.number) + ": field " + std::string(line.field) +
                               " before the first record (8000)",
                           false);
        }
        RawRecord& r = records.back();
        r.end = line.start + line.length;
        const std::string where = "record " + std::to_string(r.number);
        if (line.field == "8100") {
            const std::string digits = Poco::trim(std::string(line.content));
            if (allDigits(digits) && digits.size() <= 9) {
                r.declaredLength = std::stol(digits);
            } else {
                warnings.push_back(where + ": 8100 is no number (ignored)");
            }
        } else if (auto* slot = slotFor(r, line.field)) {
            if (*slot) {
                warnings.push_back(where + ": field " + std::string(line.field) +
                                   " given twice (the first one is used)");
            } else {
                *slot = line.content;
            }
        }
    }
    return records;
}

const Poco::TextEncoding& encodingOf(GdtCharset charset) {
    static const Poco::ASCIIEncoding ascii;
    static const Ibm437Encoding ibm437;
    static const Poco::Latin1Encoding latin1;
    switch (charset) {
        case GdtCharset::Ascii7:
            return ascii;
        case GdtCharset::Ibm437:
            return ibm437;
        case GdtCharset::Iso8859_1:
            return latin1;
    }
    return ibm437;
}

GdtCharset charsetOf(const RawRecord& r) {
    if (!r.charset) {
        return GdtCharset::Ibm437;  // the GDT 2.1 default
    }
    const std::string value = Poco::trim(std::string(*r.charset));
    if (value == "1")
        return GdtCharset::Ascii7;
    if (value == "2")
        return GdtCharset::Ibm437;
    if (value == "3")
        return GdtCharset::Iso8859_1;
    // The value is the charset's number, no patient data; shown only when it looks like one.
    const bool showable = allDigits(value) && value.size() <= 4;
    throw GdtError("record " + std::to_string(r.number) + ": unknown character set (9206" +
                       (showable ? "=" + value : std::string(" is no number")) + ")",
                   false);
}

std::string toUtf8(std::optional<std::string_view> raw, const Poco::TextEncoding& from) {
    if (!raw) {
        return {};
    }
    static const Poco::UTF8Encoding utf8;
    Poco::TextConverter converter(from, utf8, '?');
    std::string out;
    converter.convert(raw->data(), static_cast<int>(raw->size()), out);
    return Poco::trim(out);
}

/// DDMMYYYY → YYYY-MM-DD, when it is a date.
std::optional<std::string> isoDate(const std::string& ddmmyyyy) {
    if (ddmmyyyy.size() != 8 || !allDigits(ddmmyyyy)) {
        return std::nullopt;
    }
    const int day = std::stoi(ddmmyyyy.substr(0, 2));
    const int month = std::stoi(ddmmyyyy.substr(2, 2));
    const int year = std::stoi(ddmmyyyy.substr(4, 4));
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || year < 1800) {
        return std::nullopt;
    }
    return ddmmyyyy.substr(4, 4) + "-" + ddmmyyyy.substr(2, 2) + "-" + ddmmyyyy.substr(0, 2);
}

GdtPatient patientOf(const RawRecord& r, std::vector<std::string>& warnings) {
    const std::string where = "record " + std::to_string(r.number) + " (6301)";
    GdtPatient p;
    p.charset = charsetOf(r);
    const Poco::TextEncoding& from = encodingOf(p.charset);
    p.patientId = toUtf8(r.patientId, from);
    if (p.patientId.empty()) {
        throw GdtError(where + ": no patient id (3000)", false);
    }
    p.surname = toUtf8(r.surname, from);
    if (p.surname.empty()) {
        throw GdtError(where + ": no surname (3101)", false);
    }
    p.firstName = toUtf8(r.firstName, from);
    p.version = toUtf8(r.version, from);
    if (r.birthDate) {
        p.birthDate = isoDate(toUtf8(r.birthDate, from));
        if (!p.birthDate) {
            warnings.push_back(where + ": 3103 is no date DDMMYYYY (ignored)");
        }
    }
    return p;
}

}  // namespace

GdtImport parseGdt(std::string_view bytes) {
    GdtImport result;
    const std::vector<Line> lines = splitLines(bytes, result.warnings);
    const std::vector<RawRecord> records = groupRecords(lines, result.warnings);
    for (const RawRecord& r : records) {
        const long actual = static_cast<long>(r.end - r.start);
        bool cut = false;  // the last record, shorter than its 8100: maybe still being written
        if (r.declaredLength && *r.declaredLength != actual) {
            cut = &r == &records.back() && actual < *r.declaredLength;
            result.shorterThanDeclared = cut;
            result.warnings.push_back("record " + std::to_string(r.number) + ": 8100 says " +
                                      std::to_string(*r.declaredLength) +
                                      " bytes, the record has " + std::to_string(actual));
        }
        if (r.type == "6301") {
            try {
                result.patients.push_back(patientOf(r, result.warnings));
            } catch (const GdtError& e) {
                throw GdtError(e.message(), e.truncated() || cut);
            }
        }
    }
    if (result.patients.empty()) {
        throw GdtError("no 6301 record", result.shorterThanDeclared);
    }
    return result;
}

GdtImport readGdtFile(const std::string& path) {
    Poco::FileInputStream in(path, std::ios::in | std::ios::binary);
    std::string bytes;
    Poco::StreamCopier::copyToString(in, bytes);
    if (in.bad()) {
        throw Poco::ReadFileException(path);
    }
    return parseGdt(bytes);
}

std::string displayName(const GdtPatient& patient) {
    return patient.firstName.empty() ? patient.surname : patient.firstName + " " + patient.surname;
}

const char* toString(GdtCharset charset) {
    switch (charset) {
        case GdtCharset::Ascii7:
            return "7-bit ASCII";
        case GdtCharset::Ibm437:
            return "IBM437";
        case GdtCharset::Iso8859_1:
            return "ISO-8859-1";
    }
    return "unknown";
}

}  // namespace sanad::core
