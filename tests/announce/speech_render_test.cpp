// espeak-ng really speaks, and our chime is a real sound: both checked with sox (a declared
// package of the machine, scripts/setup-debian.sh). Linux only: Windows speaks with SAPI.
#include "recording_voice.h"
#include "sanad/core/announcer.h"
#include "temp_dir.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

namespace sanad::core {
namespace {

/// `sox FILE -n stat`: its figures by name ("RMS     amplitude" → "RMS amplitude").
std::map<std::string, double> soxStat(const std::string& file) {
    Poco::Pipe errors;
    Poco::ProcessHandle sox =
        Poco::Process::launch("sox", {file, "-n", "stat"}, nullptr, nullptr, &errors);
    Poco::PipeInputStream in(errors);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const int rc = sox.wait();
    if (rc != 0) {
        ADD_FAILURE() << "sox failed (" << rc << "): " << text;
        return {};
    }
    std::map<std::string, double> figures;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        std::istringstream words(line.substr(0, colon));
        std::string name, word;
        while (words >> word) {
            name += (name.empty() ? "" : " ") + word;
        }
        try {
            figures[name] = std::stod(line.substr(colon + 1));
        } catch (const std::exception&) {
        }
    }
    return figures;
}

void expectSpeech(const std::string& text, const std::string& language) {
    test::TempDir dir;
    const std::string wav = dir.path() + "/speech.wav";
    renderSpeechToWav(text, language, wav);
    auto stat = soxStat(wav);
    // Spoken words: well above silence (espeak-ng's speech is around 0.1), one to six seconds.
    EXPECT_GT(stat["RMS amplitude"], 0.03) << text;
    EXPECT_GT(stat["Maximum amplitude"], 0.2) << text;
    EXPECT_GT(stat["Length (seconds)"], 1.0) << text;
    EXPECT_LT(stat["Length (seconds)"], 6.0) << text;
    std::cout << "[ figures  ] " << language << " \"" << text << "\": " << stat["Length (seconds)"]
              << " s, RMS " << stat["RMS amplitude"] << ", max " << stat["Maximum amplitude"]
              << "\n";
}

TEST(SpeechRender, EspeakSpeaksTheGermanCall) {
    expectSpeech(spokenText({"A017", "2", "de", true}), "de");
}

TEST(SpeechRender, EspeakSpeaksTheEnglishCall) {
    expectSpeech(spokenText({"A017", "2", "en", true}), "en");
}

TEST(SpeechRender, SilenceIsToldApart) {  // the check above would see a silent file
    test::TempDir dir;
    const std::string wav = dir.path() + "/silence.wav";
    renderSpeechToWav("", "de", wav);
    auto stat = soxStat(wav);
    EXPECT_LT(stat["RMS amplitude"], 0.001);
}

void expectChime(const std::string& path) {
    auto stat = soxStat(path);
    EXPECT_NEAR(stat["Length (seconds)"], 1.2, 0.05) << path;
    EXPECT_GT(stat["RMS amplitude"], 0.05) << path;
    EXPECT_GT(stat["Maximum amplitude"], 0.4) << path;
    EXPECT_LT(stat["Maximum amplitude"], 0.99) << path;  // no clipping
    std::cout << "[ figures  ] chime: " << stat["Length (seconds)"] << " s, RMS "
              << stat["RMS amplitude"] << ", max " << stat["Maximum amplitude"] << "\n";
}

TEST(Chime, TheCommittedChimeIsASoundAndTheCopyIsTheSame) {
    expectChime(SANAD_SOURCE_CHIME_FILE);
    expectChime(defaultChimePath());
    std::ifstream a(SANAD_SOURCE_CHIME_FILE, std::ios::binary),
        b(defaultChimePath(), std::ios::binary);
    const std::string left{std::istreambuf_iterator<char>(a), std::istreambuf_iterator<char>()};
    const std::string right{std::istreambuf_iterator<char>(b), std::istreambuf_iterator<char>()};
    EXPECT_EQ(left, right);
}

TEST(SystemVoice, NoSoundDeviceIsLoggedOnceAndStaysSilent) {
    // An ALSA configuration without any device: "default" cannot be opened, as on a desk PC
    // without speakers (whatever this machine has).
    test::TempDir dir;
    const std::string conf = dir.path() + "/asound.conf";
    std::ofstream(conf) << "# no devices\n";
    ::setenv("ALSA_CONFIG_PATH", conf.c_str(), 1);
    test::LogCapture capture("sanad.announce");
    {
        auto voice = makeSystemVoice(defaultChimePath());
        EXPECT_NO_THROW(voice->chime());
        EXPECT_NO_THROW(voice->speak("Nummer A 1, bitte", "de"));
        EXPECT_NO_THROW(voice->chime());
    }
    ::unsetenv("ALSA_CONFIG_PATH");
    const auto lines = capture.lines();
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find("no sound device"), std::string::npos) << lines[0];
}

}  // namespace
}  // namespace sanad::core
