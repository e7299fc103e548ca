# hf_embed_resources(TARGET <lib> NAME <bundle> BASE_DIR <dir> FILES <f1> <f2> ...)
# Compiles files (SQL, HTML, JS, YAML) into the library. Code reads them back with
# HF_DECLARE_RESOURCE_BUNDLE(<bundle>) then hf::resources::bundles::<bundle>().Get("<path relative to BASE_DIR>").
function(hf_embed_resources)
    cmake_parse_arguments(ARG "" "TARGET;BASE_DIR;NAME" "FILES" ${ARGN})
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_resources.cc)
    set(abs_files "")
    foreach(f IN LISTS ARG_FILES)
        list(APPEND abs_files ${ARG_BASE_DIR}/${f})
    endforeach()
    string(REPLACE ";" "|" files_arg "${ARG_FILES}")
    add_custom_command(
        OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBASE_DIR=${ARG_BASE_DIR} -DNAME=${ARG_NAME}
                "-DFILES=${files_arg}" -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
        DEPENDS ${abs_files} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
        COMMENT "Embedding ${ARG_NAME} resources"
        VERBATIM)
    target_sources(${ARG_TARGET} PRIVATE ${out})
endfunction()
