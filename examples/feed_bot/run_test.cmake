# CTest feed_bot_run: the program twice on one database file, its output asserted. The first
# run leaves voice user 1003 in a session (as a crash would); the second, a restart, must
# apply no migration and close that session from the recorded last_alive.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(url "sqlite://${WORK_DIR}/bot.db?mode=rwc")

function(run_bot out_var)
  execute_process(COMMAND "${PROGRAM}" "${url}" OUTPUT_VARIABLE out ERROR_VARIABLE err
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "feed_bot exited with ${rc}:\n${out}\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

function(expect output line)
  string(FIND "${output}" "${line}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected the line \"${line}\" in:\n${output}")
  endif()
endfunction()

run_bot(first)
foreach(line
    "applied migration 20240505000000 (guild settings checks)"
    "feeds: youtube=1 twitch=2 rss=3"
    "re-following youtube keeps id 1"
    "youtube subscriber 1: DM to 1001"
    "youtube subscriber 2: #c-news in g-1"
    "item v1 on youtube: new, announce"
    "item v1 on youtube: seen"
    "feed 1 youtube/UC-lofi \"Lofi Girl (24/7)\" checked 1714521660"
    "feed 3 rss/https://sqlite.org/news.rss \"SQLite news\" checked never"
    "leaderboard #1: 1003 40 min"
    "leaderboard #2: 1001 30 min"
    "1002 was in voice with 1001 for 20 min"
    "1002 was in voice with 1003 for 20 min"
    "feeds now: 2"
    "last_alive = 1714525200")
  expect("${first}" "${line}")
endforeach()
if(first MATCHES "leaderboard #3")
  message(FATAL_ERROR "the guild's leaderboard_size (2) was not applied:\n${first}")
endif()

# The restart: the same events again on the same file (upserts keep ids; the plain insert of
# the twitch feed gets a new id since the first run deleted it).
run_bot(second)
if(second MATCHES "applied migration")
  message(FATAL_ERROR "the restart applied a migration again:\n${second}")
endif()
expect("${second}" "closed 1 session(s) left active by the previous run")
expect("${second}" "feeds: youtube=1 twitch=4 rss=3")
expect("${second}" "item v1 on youtube: seen")
file(REMOVE_RECURSE "${WORK_DIR}")
