# Runs `clangd --check` on one file, as an editor would see it, and checks its diagnostics:
#   cmake -DCLANGD=... -DCLANGD_NAME=... -DFILE=... -DFLAGS=a|b|c -DWORK=dir
#         -DEXPECT=none|<regex> [-DLINE=n] [-DCOUNT=n] -P clangd_check.cmake
# EXPECT=none: no error at all. Otherwise the first error must match EXPECT (and be on LINE),
# and there must be COUNT errors in all.
# A clangd missing at configure time never gets here (the test is `exit 77`, its
# SKIP_RETURN_CODE); one removed since prints "SKIPPED:", its SKIP_REGULAR_EXPRESSION.
if(NOT CLANGD OR NOT EXISTS "${CLANGD}")
  message(FATAL_ERROR "SKIPPED: ${CLANGD_NAME} is not installed (apt-get install ${CLANGD_NAME})")
endif()

# The compile_commands.json an editor would read, with this file's command only.
file(MAKE_DIRECTORY "${WORK}")
string(REPLACE "|" ";" flags "${FLAGS}")
set(arguments "\"/usr/bin/c++\"")
foreach(flag IN LISTS flags)
  string(REPLACE "\\" "\\\\" flag "${flag}")
  string(REPLACE "\"" "\\\"" flag "${flag}")
  string(APPEND arguments ", \"${flag}\"")
endforeach()
file(WRITE "${WORK}/compile_commands.json"
     "[{\"directory\": \"${WORK}\", \"file\": \"${FILE}\",\n"
     "  \"arguments\": [${arguments}, \"-c\", \"${FILE}\"]}]\n")

execute_process(
  COMMAND "${CLANGD}" "--check=${FILE}" "--compile-commands-dir=${WORK}"
  OUTPUT_VARIABLE out ERROR_VARIABLE out RESULT_VARIABLE rc)
# clangd --check prints each diagnostic as "E[time] [code] Line N: message".
string(REGEX MATCHALL "\nE\\[[^]]*\\] [^\n]*" errors "${out}")
list(LENGTH errors count)
message("${CLANGD_NAME}: ${count} error(s)")
foreach(error IN LISTS errors)
  message("  ${error}")
endforeach()

if(EXPECT STREQUAL "none")
  if(count GREATER 0)
    message(FATAL_ERROR "${CLANGD_NAME} reports errors in correct code")
  endif()
  if(NOT out MATCHES "All checks completed")
    message(FATAL_ERROR "clangd --check did not complete:\n${out}")
  endif()
else()
  if(count EQUAL 0)
    message(FATAL_ERROR "${CLANGD_NAME} reports no error; expected: ${EXPECT}")
  endif()
  list(GET errors 0 first)
  if(NOT first MATCHES "${EXPECT}")
    message(FATAL_ERROR "the first error is not the expected one (${EXPECT}):\n${first}")
  endif()
  if(DEFINED LINE AND NOT first MATCHES "Line ${LINE}: ")
    message(FATAL_ERROR "the first error is not on line ${LINE}:\n${first}")
  endif()
  if(DEFINED COUNT AND NOT count EQUAL COUNT)
    message(FATAL_ERROR "${count} errors, expected ${COUNT}: a cascade error follows the check's")
  endif()
endif()
