#include "sanad/core/announcer.h"

#include <cctype>

namespace sanad::core {

namespace {

bool isDigit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool isLetter(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

bool allDigits(const std::string& text) {
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        if (!isDigit(c)) {
            return false;
        }
    }
    return true;
}

std::string withoutLeadingZeros(const std::string& digits) {
    const auto first = digits.find_first_not_of('0');
    return first == std::string::npos ? std::string("0") : digits.substr(first);
}

// "A017" -> "A 17", "AB017" -> "A B 17": each letter of the queue code on its own (an engine
// reads "AB" as a word), the counter as a number. In English each letter takes a full stop
// ("A. 17"): a lone "A" is read as the article there (espeak-ng: "a# s'Ev@nt,i:n"), "A." as the
// letter ("'eI"); German reads "A" as the letter either way. The provisional mark ("~A001") is
// not spoken; anything that is not letters-then-digits is read as written.
std::string spokenNumber(const std::string& number, bool english) {
    std::string text = trimmed(number);
    if (!text.empty() && text.front() == '~') {
        text.erase(0, 1);
    }
    std::size_t letters = 0;
    while (letters < text.size() && isLetter(text[letters])) {
        ++letters;
    }
    const std::string digits = text.substr(letters);
    if (!allDigits(digits)) {
        return text;
    }
    std::string out;
    for (std::size_t i = 0; i < letters; ++i) {
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
        out += english ? ". " : " ";
    }
    return out + withoutLeadingZeros(digits);
}

}  // namespace

std::string spokenText(const Announcement& announcement) {
    const bool english = announcement.language.rfind("en", 0) == 0;  // "en", "en-GB": else German
    const std::string number = spokenNumber(announcement.number, english);
    const std::string room = trimmed(announcement.room.value_or(""));
    std::string text =
        (english ? "Number " : "Nummer ") + number + (english ? ", please" : ", bitte");
    if (room.empty()) {
        return text;
    }
    // A room of digits only is a room number; any other text ("Zimmer 2", "Labor") is the room's
    // name and read as the desk wrote it.
    const std::string place =
        allDigits(room) ? (english ? "room " : "Zimmer ") + withoutLeadingZeros(room) : room;
    return text + (english ? " go to " : " in ") + place;
}

}  // namespace sanad::core
