# Every catalog compiles cleanly and translates every message (no untranslated, no fuzzy).
file(GLOB catalogs "${ROOT}/assets/i18n/*.po")
if(NOT catalogs)
  message(FATAL_ERROR "no catalogs in ${ROOT}/assets/i18n")
endif()
foreach(po IN LISTS catalogs)
  execute_process(COMMAND msgfmt --check --statistics -o /dev/null "${po}"
    RESULT_VARIABLE rc ERROR_VARIABLE stats OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0 OR stats MATCHES "untranslated|fuzzy|warning")
    message(FATAL_ERROR "${po}: ${stats}${out}")
  endif()
  message(STATUS "${po}: ${stats}")
endforeach()
