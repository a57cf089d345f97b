#include "sanad/core/time.h"

#include <charconv>
#include <ctime>

namespace sanad::core {
namespace {

using namespace std::chrono;

void appendPadded(std::string& out, long long value, int width) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    for (int i = static_cast<int>(end - buffer); i < width; ++i) {
        out.push_back('0');
    }
    out.append(buffer, end);
}

// Reads exactly `width` ASCII digits at `pos`; -1 when they are not there.
int readDigits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::tm localTm(Timestamp t) {
    const std::time_t seconds = system_clock::to_time_t(time_point_cast<system_clock::duration>(t));
    std::tm tm{};
#ifdef _WIN32
    localtime_s(&tm, &seconds);
#else
    localtime_r(&seconds, &tm);
#endif
    return tm;
}

}  // namespace

Timestamp now() {
    return time_point_cast<milliseconds>(system_clock::now());
}

std::string formatTimestamp(Timestamp t) {
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> hms{t - day};
    std::string out;
    out.reserve(24);
    appendPadded(out, static_cast<int>(ymd.year()), 4);
    out.push_back('-');
    appendPadded(out, static_cast<unsigned>(ymd.month()), 2);
    out.push_back('-');
    appendPadded(out, static_cast<unsigned>(ymd.day()), 2);
    out.push_back('T');
    appendPadded(out, hms.hours().count(), 2);
    out.push_back(':');
    appendPadded(out, hms.minutes().count(), 2);
    out.push_back(':');
    appendPadded(out, hms.seconds().count(), 2);
    out.push_back('.');
    appendPadded(out, hms.subseconds().count(), 3);
    out.push_back('Z');
    return out;
}

std::optional<Timestamp> parseTimestamp(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[13] != ':' ||
        text[16] != ':' || (text[10] != 'T' && text[10] != 't')) {
        return std::nullopt;
    }
    const int y = readDigits(text, 0, 4);
    const int mo = readDigits(text, 5, 2);
    const int d = readDigits(text, 8, 2);
    const int h = readDigits(text, 11, 2);
    const int mi = readDigits(text, 14, 2);
    const int s = readDigits(text, 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
        return std::nullopt;
    }
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                             day{static_cast<unsigned>(d)}};
    // Leap seconds (":60") are not representable in sys_time; they are refused.
    if (!ymd.ok() || h > 23 || mi > 59 || s > 59) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    long long millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (pos - start < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++pos;
        }
        const std::size_t digits = pos - start;
        if (digits == 0 || digits > 9) {
            return std::nullopt;
        }
        for (std::size_t i = digits; i < 3; ++i) {
            millis *= 10;
        }
    }
    minutes offset{0};
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int oh = readDigits(text, pos + 1, 2);
        const int om = readDigits(text, pos + 4, 2);
        if (oh < 0 || om < 0 || text[pos + 3] != ':' || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset = hours{oh} + minutes{om};
        if (text[pos] == '-') {
            offset = -offset;
        }
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis} - offset;
}

std::string localDay(Timestamp t) {
    const std::tm tm = localTm(t);
    std::string out;
    appendPadded(out, tm.tm_year + 1900, 4);
    out.push_back('-');
    appendPadded(out, tm.tm_mon + 1, 2);
    out.push_back('-');
    appendPadded(out, tm.tm_mday, 2);
    return out;
}

int localHour(Timestamp t) {
    return localTm(t).tm_hour;
}

std::string localClock(Timestamp t) {
    const std::tm tm = localTm(t);
    std::string out;
    appendPadded(out, tm.tm_hour, 2);
    out.push_back(':');
    appendPadded(out, tm.tm_min, 2);
    return out;
}

}  // namespace sanad::core
