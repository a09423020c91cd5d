# Shared compile settings for every PoT Console target, and the test helper.
include_guard(GLOBAL)

add_library(pot_common_cfg INTERFACE)
target_compile_features(pot_common_cfg INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(pot_common_cfg INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    QT_MESSAGELOGCONTEXT
    $<$<NOT:$<CONFIG:Debug>>:QT_NO_DEBUG_OUTPUT>
    POT_VERSION="${PROJECT_VERSION}")

if(MSVC)
    target_compile_options(pot_common_cfg INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus /guard:cf)
    if(POT_WERROR)
        target_compile_options(pot_common_cfg INTERFACE /WX)
    endif()
else()
    target_compile_options(pot_common_cfg INTERFACE
        -Wall -Wextra -pedantic -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor)
    if(POT_WERROR)
        target_compile_options(pot_common_cfg INTERFACE -Werror)
    endif()
    if(POT_SANITIZE)
        list(JOIN POT_SANITIZE_FLAGS "," _pot_san)
        target_compile_options(pot_common_cfg INTERFACE -fsanitize=${_pot_san} -fno-omit-frame-pointer)
        target_link_options(pot_common_cfg INTERFACE -fsanitize=${_pot_san})
    endif()
endif()

# pot_add_test(NAME <name> SOURCES ... [LIBS ...] [LABELS ...] [GUI] [KEYRING] [TIMEOUT s] [ENVIRONMENT ...])
# One executable per unit; GUI tests run on the offscreen platform. Every test gets a private HOME and
# XDG directories under the build tree so nothing lands in the real home.
function(pot_add_test)
    cmake_parse_arguments(T "GUI;KEYRING" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
    qt_add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE pot_common_cfg Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        POT_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    if(T_KEYRING)
        # A private session bus with an unlocked gnome-keyring (Secret Service) in the test's HOME:
        # the real keychain, never the user's.
        find_program(POT_DBUS_RUN_SESSION dbus-run-session REQUIRED)
        find_program(POT_GNOME_KEYRING_DAEMON gnome-keyring-daemon REQUIRED)
        add_test(NAME ${T_NAME}
            COMMAND ${POT_DBUS_RUN_SESSION} -- sh -c
                "printf test | ${POT_GNOME_KEYRING_DAEMON} --unlock --components=secrets >/dev/null && exec \"$0\" \"$@\""
                $<TARGET_FILE:${T_NAME}>)
    else()
        add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set(_home "${CMAKE_BINARY_DIR}/test-home/${T_NAME}")
    set(_env
        "HOME=${_home}"
        "XDG_CONFIG_HOME=${_home}/.config"
        "XDG_DATA_HOME=${_home}/.local/share"
        "XDG_CACHE_HOME=${_home}/.cache"
        "XDG_RUNTIME_DIR=${_home}/.run"
        "LANG=C.UTF-8"
        "LC_ALL=C.UTF-8"
        "TZ=UTC"
        "QT_QPA_PLATFORM=offscreen"
        ${T_ENVIRONMENT})
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "${_env}")
    file(MAKE_DIRECTORY "${_home}/.run")
    file(CHMOD "${_home}/.run" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
endfunction()
