# Cross-compiles and links the PC/SC module with MinGW-w64 against winscard (WINDOWS.md).
find_program(MINGW_CXX x86_64-w64-mingw32-g++-posix)
if(NOT MINGW_CXX)
  message(FATAL_ERROR "x86_64-w64-mingw32-g++-posix is missing: run scripts/setup-debian.sh")
endif()
execute_process(
  COMMAND ${MINGW_CXX} -std=c++20 -Wall -Wextra -Werror -static -I${ROOT}/core/console/include -I${ROOT}/core/domain/include
          ${ROOT}/core/console/src/pcsc/pcsc_card_reader.cpp ${ROOT}/tests/pcsc/mingw_link_main.cpp
          -lwinscard -o ${OUT}/pcsc_reader_probe.exe
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "MinGW build of the card reader failed:\n${out}${err}")
endif()
message(STATUS "built ${OUT}/pcsc_reader_probe.exe for Windows")
