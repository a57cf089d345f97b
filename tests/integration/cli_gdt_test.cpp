// sanad-cli gdt read | gdt watch as a process: local commands, no server and no token.
#include "server_process.h"
#include "temp_dir.h"

#include <gtest/gtest.h>

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <chrono>
#include <thread>

using namespace sanad::test;
using namespace std::chrono_literals;

namespace {

const std::string kSamples = SANAD_GDT_SAMPLES;
const std::string kData = SANAD_GDT_TEST_DATA;

/// No desk settings of the user's: a config file that is not there.
ProcessResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", "/nonexistent/sanad-test.ini"});
    return runProcess(SANAD_CLI_BINARY, args);
}

Poco::JSON::Array::Ptr patientsOf(const std::string& out) {
    Poco::JSON::Parser parser;
    return parser.parse(out).extract<Poco::JSON::Object::Ptr>()->getArray("patients");
}

}  // namespace

TEST(CliGdt, ReadPrintsThePatient) {
    const ProcessResult r = cli({"gdt", "read", kSamples + "/SANAD_PVS_1.gdt"});
    EXPECT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_EQ(r.out, "patient 4711: J\xc3\xbcrgen M\xc3\xbcller, born 01.02.1970\n");
    EXPECT_EQ(r.err, "");
}

TEST(CliGdt, ReadJsonIsForScripts) {
    ProcessResult r = cli({"gdt", "read", "--json", kSamples + "/SANAD_PVS_2.gdt"});
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    Poco::JSON::Array::Ptr patients = patientsOf(r.out);
    ASSERT_EQ(patients->size(), 1u);
    Poco::JSON::Object::Ptr p = patients->getObject(0);
    EXPECT_EQ(p->getValue<std::string>("patient_id"), "A-0815");
    EXPECT_EQ(p->getValue<std::string>("surname"),
              "Gro\xc3\x9f-B\xc3\xa4"
              "cker");
    EXPECT_EQ(p->getValue<std::string>("first_name"), "Zo\xc3\xab");
    EXPECT_EQ(p->getValue<std::string>("name"),
              "Zo\xc3\xab Gro\xc3\x9f-B\xc3\xa4"
              "cker");
    EXPECT_EQ(p->getValue<std::string>("birth_date"), "1988-08-17");

    r = cli({"gdt", "read", kSamples + "/SANAD_PVS_3.gdt", "--json"});
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    patients = patientsOf(r.out);
    ASSERT_EQ(patients->size(), 1u);
    EXPECT_TRUE(patients->getObject(0)->isNull("birth_date"));

    r = cli({"gdt", "read", kData + "/several_records.gdt", "--json"});
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    patients = patientsOf(r.out);
    ASSERT_EQ(patients->size(), 2u);
    EXPECT_EQ(patients->getObject(1)->getValue<std::string>("patient_id"), "1002");
}

TEST(CliGdt, ReadSaysWhatWasUntidyOnStderr) {
    const ProcessResult r = cli({"gdt", "read", kData + "/length_off_by_one.gdt"});
    EXPECT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_EQ(r.out, "patient 77: Hans-Peter Meyer\n");
    EXPECT_NE(r.err.find("warning: line 7: length prefix"), std::string::npos) << r.err;
}

TEST(CliGdt, ABrokenFileFailsWithItsReason) {
    for (const char* file : {"no_6301.gdt", "no_patient_id.gdt", "no_surname.gdt",
                             "unknown_charset.gdt", "png_header.gdt", "random_bytes.gdt"}) {
        const ProcessResult r = cli({"gdt", "read", kData + "/" + file});
        EXPECT_EQ(r.rc, 4) << file << ": " << r.out;
        EXPECT_EQ(r.out.rfind("failed: ", 0), 0u) << file << ": " << r.out;
    }
    ProcessResult r = cli({"gdt", "read", kData + "/no_surname.gdt", "--json"});
    EXPECT_EQ(r.rc, 4);
    EXPECT_EQ(r.out, "failed: record 1 (6301): no surname (3101)\n");
    r = cli({"gdt", "read", kData + "/not-there.gdt"});
    EXPECT_EQ(r.rc, 4);
    EXPECT_EQ(r.out.rfind("failed: cannot read", 0), 0u) << r.out;
}

TEST(CliGdt, UsageErrorsExitTwo) {
    EXPECT_EQ(cli({"gdt", "read"}).rc, 2);
    EXPECT_EQ(cli({"gdt", "frob", "x"}).rc, 2);
    EXPECT_EQ(cli({"gdt", "watch", "x", "--count", "many"}).rc, 2);
}

TEST(CliGdt, WatchImportsAsTheConsoleDoes) {
    TempDir folder;
    auto copy = [&](const std::string& from, const std::string& name) {
        Poco::File(from).copyTo(folder.path() + "/" + name);
    };
    ProcessResult r;
    std::thread watch([&] {
        r = cli({"gdt", "watch", folder.path(), "--count", "3", "--timeout", "30"});
    });
    // The broken file first, the good ones once it is handled: the third patient ends the watch.
    copy(kData + "/no_6301.gdt", "bad.gdt");
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!Poco::File(folder.path() + "/rejected/bad.gdt").exists() &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    copy(kSamples + "/SANAD_PVS_1.gdt", "one.gdt");
    copy(kData + "/several_records.gdt", "two.GDT");
    watch.join();
    EXPECT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("imported one.gdt: patient 4711: J\xc3\xbcrgen M\xc3\xbcller"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("imported two.GDT: patient 1001:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("imported two.GDT: patient 1002:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rejected bad.gdt: no 6301 record"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("M\xc3\xbcller"), std::string::npos) << "the log names no patient";
    EXPECT_EQ(r.err.find("4711"), std::string::npos) << "the log names no patient";
    EXPECT_FALSE(Poco::File(folder.path() + "/one.gdt").exists());
    EXPECT_FALSE(Poco::File(folder.path() + "/two.GDT").exists());
    EXPECT_TRUE(Poco::File(folder.path() + "/rejected/bad.gdt").exists());
}

TEST(CliGdt, WatchTimesOutWithOne) {
    TempDir folder;
    const ProcessResult r =
        cli({"gdt", "watch", folder.path(), "--count", "1", "--timeout", "0.3"});
    EXPECT_EQ(r.rc, 1) << r.out << r.err;
    EXPECT_EQ(r.out, "timeout after 0 patients\n");
}
