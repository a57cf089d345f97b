# wxWidgets as one imported target, sanad::wx. CMake 3.25's FindwxWidgets has no imported target
# (wxWidgets::wxWidgets arrives with 3.27), so one is made from the variables it sets.
if(NOT TARGET sanad::wx)
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS core base)
  if(TARGET wxWidgets::wxWidgets)
    add_library(sanad::wx ALIAS wxWidgets::wxWidgets)
  else()
    add_library(sanad_wx_imported INTERFACE IMPORTED GLOBAL)
    set_target_properties(sanad_wx_imported PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES "${wxWidgets_INCLUDE_DIRS}"
      INTERFACE_COMPILE_DEFINITIONS "${wxWidgets_DEFINITIONS}"
      INTERFACE_LINK_LIBRARIES "${wxWidgets_LIBRARIES}")
    # System includes keep wx's own warnings out of our -Werror build.
    set_target_properties(sanad_wx_imported PROPERTIES
      INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${wxWidgets_INCLUDE_DIRS}")
    if(wxWidgets_CXX_FLAGS)
      separate_arguments(_sanad_wx_flags UNIX_COMMAND "${wxWidgets_CXX_FLAGS}")
      list(FILTER _sanad_wx_flags EXCLUDE REGEX "^-I")
      set_target_properties(sanad_wx_imported PROPERTIES
        INTERFACE_COMPILE_OPTIONS "${_sanad_wx_flags}")
    endif()
    add_library(sanad::wx ALIAS sanad_wx_imported)
  endif()
endif()
