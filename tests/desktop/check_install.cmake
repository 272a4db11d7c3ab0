# Installs the build into PREFIX and checks that every file a desktop looks for is where it looks.
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} RESULT_VARIABLE result
                OUTPUT_QUIET)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${result}")
endif()
foreach(path
        bin/bakeloop
        share/applications/io.github.bakeloop.Bakeloop.desktop
        share/metainfo/io.github.bakeloop.Bakeloop.metainfo.xml
        share/icons/hicolor/scalable/apps/io.github.bakeloop.Bakeloop.svg)
    if(NOT EXISTS ${PREFIX}/${path})
        message(FATAL_ERROR "missing after install: ${path}")
    endif()
endforeach()
message(STATUS "installed: the binary, the desktop file, the metainfo and the icon")
