#include "sanad/ui/demo_server.h"

#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/TemporaryFile.h>

#include <wx/stdpaths.h>

#include <cctype>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sanad::ui {

namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.demo");
}

constexpr const char* kListening = "sanad-server listening on ";

/// Poco 1.11 puts the program unquoted at the head of the Windows command line: a path with a
/// space ("C:\Program Files\...") would start "C:\Program". Quoted there; as is elsewhere.
std::string launchable(const std::string& binary) {
#ifdef _WIN32
    if (binary.find(' ') != std::string::npos && binary.front() != '"') {
        return "\"" + binary + "\"";
    }
#endif
    return binary;
}

}  // namespace

std::string DemoServer::serverNextToExecutable() {
    Poco::Path exe(wxStandardPaths::Get().GetExecutablePath().utf8_string());
#ifdef _WIN32
    exe.setFileName("sanad-server.exe");
#else
    exe.setFileName("sanad-server");
#endif
    if (Poco::File(exe).exists()) {
        return exe.toString();
    }
    // In the build tree the server is in app/ next to sanad-reception; tests run from tests/.
    Poco::Path sibling = exe.parent().popDirectory().pushDirectory("app");
    sibling.setFileName(exe.getFileName());
    return sibling.toString();
}

DemoServer::DemoServer(std::string serverBinary)
    : binary_(serverBinary.empty() ? serverNextToExecutable() : std::move(serverBinary)) {
    if (!Poco::File(binary_).exists()) {
        throw std::runtime_error("sanad-server not found at " + binary_);
    }
    folder_ = Poco::TemporaryFile::tempName() + "-sanad-demo";
    Poco::File(folder_).createDirectories();
    Poco::File(consoleDataDir()).createDirectories();
    const std::string data = Poco::Path(folder_).makeDirectory().pushDirectory("server").toString();
    Poco::File(data).createDirectories();

    // Started first, then the device registered (the server's own order of start-up: migrations
    // and the demo seed belong to the serving process).
    Poco::Pipe out;
    const std::vector<std::string> args{
        "--port", "0",      "--bind",      "127.0.0.1", "--data",
        data,     "--demo", "--log-level", "warning",   "--stop-on-stdin-eof"};
    handle_ = std::make_unique<Poco::ProcessHandle>(
        Poco::Process::launch(launchable(binary_), args, &lifeline_, &out, &out));
    auto stream = std::make_shared<Poco::PipeInputStream>(out);
    std::string line;
    while (std::getline(*stream, line)) {
        if (const auto at = line.find(kListening); at != std::string::npos) {
            url_ = line.substr(at + std::string(kListening).size());
            while (!url_.empty() && std::isspace(static_cast<unsigned char>(url_.back()))) {
                url_.pop_back();  // Windows writes CRLF
            }
            break;
        }
        logger().warning("sanad-server: %s", line);
    }
    if (url_.empty()) {
        const int rc = handle_->wait();
        handle_.reset();
        Poco::File(folder_).remove(true);
        throw std::runtime_error("the demo server did not start (exit code " + std::to_string(rc) +
                                 ")");
    }
    drain_ = std::thread([stream]() {
        std::string rest;
        while (std::getline(*stream, rest)) {
            logger().information("sanad-server: %s", rest);
        }
    });

    Poco::Pipe addOut;
    Poco::ProcessHandle add = Poco::Process::launch(
        launchable(binary_), {"device", "add", "Demo-Empfang", "--data", data}, nullptr, &addOut,
        nullptr);
    Poco::PipeInputStream addStream(addOut);
    std::string text;
    Poco::StreamCopier::copyToString(addStream, text);
    const int rc = add.wait();
    std::istringstream words(text);
    for (std::string w; words >> w;) {
        token_ = w;  // the token is the last word (DESIGN.md, Running it)
    }
    if (rc != 0 || token_.empty()) {
        stop();
        throw std::runtime_error("the demo desk could not be registered (exit code " +
                                 std::to_string(rc) + ")");
    }
}

DemoServer::~DemoServer() {
    try {
        stop();
    } catch (const std::exception& e) {
        logger().error("stopping the demo server: %s", std::string(e.what()));
    }
}

std::string DemoServer::consoleDataDir() const {
    return Poco::Path(folder_).makeDirectory().pushDirectory("console").toString();
}

bool DemoServer::running() const {
    return handle_ && Poco::Process::isRunning(*handle_);
}

void DemoServer::stop() {
    // The end of its input is the server's stop request (--stop-on-stdin-eof); the termination
    // request is the same once more for a server that was started without it.
    lifeline_.close();
    if (handle_) {
        if (Poco::Process::isRunning(*handle_)) {
            Poco::Process::requestTermination(handle_->id());
        }
        handle_->wait();
        handle_.reset();
    }
    if (drain_.joinable()) {
        drain_.join();
    }
    if (!folder_.empty() && Poco::File(folder_).exists()) {
        Poco::File(folder_).remove(true);
    }
}

}  // namespace sanad::ui
