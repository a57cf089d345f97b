// The GDT 6301 parser (core/console gdt.h) on the shared samples, on our own untidy and broken
// files (tests/data/gdt, written by make_samples.py), and on bytes made here.
#include "sanad/core/gdt.h"

#include <gtest/gtest.h>

#include <Poco/File.h>

#include <string>

using namespace sanad::core;

namespace {

const std::string kSamples = SANAD_GDT_SAMPLES;
const std::string kData = SANAD_GDT_TEST_DATA;

GdtImport sample(const std::string& name) {
    const std::string path = kSamples + "/" + name;
    if (!Poco::File(path).exists()) {
        throw std::runtime_error(path + " is missing (configure with -DSANAD_GDT_SAMPLES=DIR)");
    }
    return readGdtFile(path);
}

GdtImport data(const std::string& name) {
    return readGdtFile(kData + "/" + name);
}

/// One GDT line with a correct length prefix.
std::string gdtLine(const std::string& field, const std::string& content) {
    const std::size_t length = 3 + 4 + content.size() + 2;
    std::string prefix = std::to_string(length);
    prefix.insert(0, 3 - prefix.size(), '0');
    return prefix + field + content + "\r\n";
}

/// A 6301 record of these lines, with a correct 8100 (five digits).
std::string record6301(const std::string& lines) {
    const std::string head = gdtLine("8000", "6301");
    const std::size_t size = head.size() + gdtLine("8100", "00000").size() + lines.size();
    std::string digits = std::to_string(size);
    digits.insert(0, 5 - digits.size(), '0');
    return head + gdtLine("8100", digits) + lines;
}

const std::string kPatient =
    gdtLine("3000", "12") + gdtLine("3101", "Kurz") + gdtLine("3102", "Karl");

/// The reason a broken file is rejected with (fails the test when it is read).
GdtError rejection(const std::string& bytes) {
    try {
        parseGdt(bytes);
    } catch (const GdtError& e) {
        return e;
    }
    ADD_FAILURE() << "read, not rejected";
    return GdtError("", false);
}

}  // namespace

TEST(Gdt, SampleOneIsIbm437Gdt21) {
    const GdtImport r = sample("SANAD_PVS_1.gdt");
    ASSERT_EQ(r.patients.size(), 1u);
    const GdtPatient& p = r.patients[0];
    EXPECT_EQ(p.patientId, "4711");
    EXPECT_EQ(p.surname, "M\xc3\xbcller");
    EXPECT_EQ(p.firstName, "J\xc3\xbcrgen");
    EXPECT_EQ(p.birthDate, "1970-02-01");
    EXPECT_EQ(p.version, "02.10");
    EXPECT_EQ(p.charset, GdtCharset::Ibm437);
    EXPECT_EQ(displayName(p), "J\xc3\xbcrgen M\xc3\xbcller");
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_FALSE(r.shorterThanDeclared);
}

TEST(Gdt, SampleTwoIsLatin1Gdt30) {
    const GdtImport r = sample("SANAD_PVS_2.gdt");
    ASSERT_EQ(r.patients.size(), 1u);
    const GdtPatient& p = r.patients[0];
    EXPECT_EQ(p.patientId, "A-0815");
    EXPECT_EQ(p.surname,
              "Gro\xc3\x9f-B\xc3\xa4"
              "cker");
    EXPECT_EQ(p.firstName, "Zo\xc3\xab");
    EXPECT_EQ(p.birthDate, "1988-08-17");
    EXPECT_EQ(p.version, "03.00");
    EXPECT_EQ(p.charset, GdtCharset::Iso8859_1);
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Gdt, SampleThreeIsAsciiWithoutBirthDate) {
    const GdtImport r = sample("SANAD_PVS_3.gdt");
    ASSERT_EQ(r.patients.size(), 1u);
    const GdtPatient& p = r.patients[0];
    EXPECT_EQ(p.patientId, "99");
    EXPECT_EQ(displayName(p), "Anna Schmidt");
    EXPECT_FALSE(p.birthDate);
    EXPECT_EQ(p.version, "02.10");
    EXPECT_EQ(p.charset, GdtCharset::Ascii7);
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Gdt, SeveralRecordsAreSeveralPatientsEachInItsCharset) {
    const GdtImport r = data("several_records.gdt");
    ASSERT_EQ(r.patients.size(), 2u);  // the 6310 between them is skipped
    EXPECT_EQ(r.patients[0].patientId, "1001");
    EXPECT_EQ(displayName(r.patients[0]), "Bj\xc3\xb6rn Wei\xc3\x9f");  // IBM437
    EXPECT_EQ(r.patients[0].birthDate, "1965-12-24");
    EXPECT_EQ(r.patients[1].patientId, "1002");
    EXPECT_EQ(displayName(r.patients[1]),
              "Ren\xc3\xa9"
              "e Sch\xc3\xa4"
              "fer");  // ISO-8859-1
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Gdt, Gdt30ObjectsAndSixDigitRecordLength) {
    const GdtImport r = data("gdt30_objects.gdt");
    ASSERT_EQ(r.patients.size(), 1u);
    const GdtPatient& p = r.patients[0];
    EXPECT_EQ(p.patientId, "P-3000");
    EXPECT_EQ(displayName(p),
              "L\xc3\xa9"
              "a Gr\xc3\xb6\xc3\x9f"
              "er");
    EXPECT_EQ(p.birthDate, "1996-02-29");
    EXPECT_EQ(p.version, "03.00");
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();  // the six-digit 8100 matches
}

TEST(Gdt, LineLengthOffByOneIsReadWithAWarning) {
    const GdtImport r = data("length_off_by_one.gdt");
    ASSERT_EQ(r.patients.size(), 1u);
    EXPECT_EQ(r.patients[0].patientId, "77");
    EXPECT_EQ(displayName(r.patients[0]), "Hans-Peter Meyer");
    ASSERT_EQ(r.warnings.size(), 2u);
    EXPECT_NE(r.warnings[0].find("line 7"), std::string::npos) << r.warnings[0];
    EXPECT_NE(r.warnings[1].find("line 9"), std::string::npos) << r.warnings[1];
    for (const std::string& w : r.warnings) {
        EXPECT_EQ(w.find("Meyer"), std::string::npos) << "no patient data: " << w;
        EXPECT_EQ(w.find("Hans"), std::string::npos) << "no patient data: " << w;
    }
}

struct BrokenFile {
    const char* file;
    const char* reason;
    const char* patientData;  // must not be in the reason
};

class GdtBroken : public testing::TestWithParam<BrokenFile> {};

TEST_P(GdtBroken, IsRejectedWithAReasonWithoutPatientData) {
    const BrokenFile& b = GetParam();
    try {
        data(b.file);
        FAIL() << b.file << " was read";
    } catch (const GdtError& e) {
        EXPECT_NE(e.message().find(b.reason), std::string::npos) << e.message();
        EXPECT_EQ(e.message().find(b.patientData), std::string::npos) << e.message();
        EXPECT_FALSE(e.truncated()) << "a broken file is not one still being written";
    }
}

INSTANTIATE_TEST_SUITE_P(
    Files, GdtBroken,
    testing::Values(BrokenFile{"no_6301.gdt", "no 6301 record", "4711"},
                    BrokenFile{"no_patient_id.gdt", "no patient id (3000)", "Ohne"},
                    BrokenFile{"no_surname.gdt", "no surname (3101)", "4712"},
                    BrokenFile{"unknown_charset.gdt", "unknown character set (9206=7)", "Zeichen"},
                    BrokenFile{"png_header.gdt", "not a GDT line", "PNG"},
                    BrokenFile{"random_bytes.gdt", "not a GDT line", "\x01\x02"},
                    BrokenFile{"lf_only.gdt", "not CRLF", "Zeile"},
                    BrokenFile{"length_far_off.gdt", "length prefix says 23", "4715"}),
    [](const testing::TestParamInfo<BrokenFile>& info) {
        std::string name = info.param.file;
        return name.substr(0, name.find('.'));
    });

TEST(Gdt, CharsetDefaultsToIbm437) {
    const GdtImport r = parseGdt(record6301(gdtLine("3000", "5") + gdtLine("3101", "K\x94hler")));
    ASSERT_EQ(r.patients.size(), 1u);
    EXPECT_EQ(r.patients[0].charset, GdtCharset::Ibm437);
    EXPECT_EQ(r.patients[0].surname, "K\xc3\xb6hler");
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Gdt, NonAsciiIn7BitBecomesAQuestionMark) {
    const GdtImport r = parseGdt(
        record6301(gdtLine("9206", "1") + gdtLine("3000", "5") + gdtLine("3101", "K\xf6")));
    EXPECT_EQ(r.patients.at(0).surname, "K?");
}

TEST(Gdt, ACharsetGivenLateStillApplies) {
    // 9206 after the text fields still decides how they read.
    const GdtImport r = parseGdt(
        record6301(gdtLine("3000", "5") + gdtLine("3101", "J\xe4ger") + gdtLine("9206", "3")));
    EXPECT_EQ(r.patients.at(0).surname, "J\xc3\xa4ger");
}

TEST(Gdt, NoFirstNameIsFine) {
    const GdtImport r = parseGdt(record6301(gdtLine("3000", "5") + gdtLine("3101", "Solo")));
    EXPECT_EQ(r.patients.at(0).firstName, "");
    EXPECT_EQ(displayName(r.patients.at(0)), "Solo");
}

TEST(Gdt, ValuesAreTrimmed) {
    const GdtImport r = parseGdt(
        record6301(gdtLine("3000", " 42 ") + gdtLine("3101", "Lang  ") + gdtLine("3102", " Eva")));
    EXPECT_EQ(r.patients.at(0).patientId, "42");
    EXPECT_EQ(displayName(r.patients.at(0)), "Eva Lang");
}

TEST(Gdt, AFieldGivenTwiceKeepsTheFirstWithAWarning) {
    const GdtImport r = parseGdt(record6301(kPatient + gdtLine("3101", "Zweit")));
    EXPECT_EQ(r.patients.at(0).surname, "Kurz");
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("3101 given twice"), std::string::npos);
}

TEST(Gdt, ABirthDateThatIsNoDateIsDroppedWithAWarning) {
    const GdtImport r = parseGdt(record6301(kPatient + gdtLine("3103", "31021990")));
    EXPECT_FALSE(r.patients.at(0).birthDate);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_EQ(r.warnings[0].find("1990"), std::string::npos) << "no patient data";
}

TEST(Gdt, TrailingEndOfFileBytesAreIgnored) {
    const GdtImport r = parseGdt(record6301(kPatient) + "\x1a");
    EXPECT_EQ(r.patients.size(), 1u);
    EXPECT_TRUE(r.warnings.empty());
}

TEST(Gdt, A6301WithoutIdIsBrokenEvenBesideAGoodOne) {
    // Never half-imported: the good first record does not make it through either.
    const std::string bytes = record6301(kPatient) + record6301(gdtLine("3101", "Ohne"));
    EXPECT_NE(rejection(bytes).message().find("record 2 (6301): no patient id"), std::string::npos);
}

TEST(Gdt, AFieldBeforeTheFirstRecordIsBroken) {
    EXPECT_NE(rejection(gdtLine("3000", "1") + record6301(kPatient))
                  .message()
                  .find("before the first record"),
              std::string::npos);
}

TEST(Gdt, AnEmptyFileMayStillBeBeingWritten) {
    const GdtError e = rejection("");
    EXPECT_TRUE(e.truncated());
}

TEST(Gdt, BytesEndingMidLineMayStillBeBeingWritten) {
    const std::string whole = record6301(kPatient);
    const GdtError e = rejection(whole.substr(0, whole.size() - 5));
    EXPECT_TRUE(e.truncated()) << e.message();
    EXPECT_NE(e.message().find("ends without CRLF"), std::string::npos);
}

TEST(Gdt, ARecordCutAtALineShorterThanIts8100MayStillBeBeingWritten) {
    const std::string whole = record6301(kPatient);
    // Without its 3102 line: complete enough to read, but 8100 says more is coming.
    const GdtImport r = parseGdt(whole.substr(0, whole.size() - gdtLine("3102", "Karl").size()));
    EXPECT_TRUE(r.shorterThanDeclared);
    // Without 3101 as well: not readable yet, and not broken for good either.
    const std::string cut = whole.substr(
        0, whole.size() - gdtLine("3102", "Karl").size() - gdtLine("3101", "Kurz").size());
    EXPECT_TRUE(rejection(cut).truncated());
}

TEST(Gdt, A8100ThatIsTooSmallIsOnlyAWarning) {
    std::string bytes = record6301(kPatient);
    const std::size_t at = bytes.find("8100") + 4;
    bytes.replace(at, 5, "00010");
    const GdtImport r = parseGdt(bytes);
    EXPECT_FALSE(r.shorterThanDeclared);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("8100 says 10 bytes"), std::string::npos) << r.warnings[0];
}
