# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE): archives are relocatable, so they
# get no /usr prefix.
if(CPACK_GENERATOR STREQUAL "TGZ")
    set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
