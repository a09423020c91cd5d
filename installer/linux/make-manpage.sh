#!/usr/bin/env bash
# Writes a gzipped manual page for one executable from its --help and --version (help2man), run
# at build time so the page always matches the program.
#
# Usage: make-manpage.sh <help2man> <executable> <one-line description> <output.1.gz> [subcommands]
# With "subcommands", the --help of every command listed under "Commands:" is added as a section.
set -euo pipefail

help2man=$1
exe=$2
description=$3
output=$4
mode=${5:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Run the program by its bare name (its help text names itself as invoked) and without a display.
export PATH="$(cd "$(dirname "$exe")" && pwd):$PATH"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8 LANG=C.UTF-8
# In sanitizer builds a leak report at exit would fail the page (and the build).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
name=$(basename "$exe")

args=(--no-info --name "$description" --output "$work/$name.1")
if [ "$mode" = subcommands ]; then
    {
        echo '[COMMAND OPTIONS]'
        # A command is one or two lower-case words, then spaces and its summary (capitalised).
        "$name" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}\)  *[A-Z].*/\1/p' |
            while read -r -a words; do
                echo ".SS \"$name ${words[*]}\""
                echo ".nf"
                # Plain text in roff: escape backslashes and lines that start with a control character.
                "$name" "${words[@]}" --help | sed -e 's/\\/\\e/g' -e "s/^[.']/\\\\\&&/"
                echo ".fi"
            done
    } >"$work/commands.h2m"
    args+=(--include "$work/commands.h2m")
fi
"$help2man" "${args[@]}" "$name"
gzip -9n -c "$work/$name.1" >"$output"
