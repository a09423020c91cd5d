#!/usr/bin/env bash
# Builds the .deb and .tar.gz with cpack from a finished build tree and checks what a user would
# get: files in the right places, coherent desktop integration, complete Depends, executables
# that run from the unpacked package, and Debian's own checker (lintian) without errors.
#
# Usage: check_packages.sh <build-dir> <work-dir> <version> <source-dir>
set -uo pipefail

build_dir=$1
work_dir=$2
version=$3
source_dir=$4
app_id=com.datasance.PotConsole
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
die() {
    echo "FATAL: $*" >&2
    exit 1
}
need_tool() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install $2 (see scripts/install-deps.sh)"
}

need_tool cpack cmake
need_tool dpkg-deb dpkg
need_tool dpkg-shlibdeps dpkg-dev
need_tool file file
need_tool readelf binutils
need_tool lintian lintian
need_tool desktop-file-validate desktop-file-utils
need_tool dpkg-parsechangelog dpkg-dev
[ -f "$build_dir/CPackConfig.cmake" ] || die "no CPackConfig.cmake in $build_dir; configure first"

rm -rf "$work_dir"
mkdir -p "$work_dir" || die "cannot create $work_dir"

# --- .deb ----------------------------------------------------------------------------------------

echo "== cpack -G DEB"
if ! (cd "$build_dir" && cpack --config CPackConfig.cmake -G DEB -B "$work_dir/out") \
        >"$work_dir/cpack-deb.log" 2>&1; then
    cat "$work_dir/cpack-deb.log" >&2
    die "cpack -G DEB failed (is the whole project built? run 'cmake --build' first)"
fi

arch=$(dpkg --print-architecture)
deb="$work_dir/out/pot-console_${version}_${arch}.deb"
[ -f "$deb" ] || die "expected $deb; cpack produced: $(ls "$work_dir/out")"
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

contents=$(dpkg-deb -c "$deb") || die "dpkg-deb -c cannot read $deb"
for path in \
        usr/bin/pot-console \
        usr/bin/pot-console-cli \
        "usr/share/applications/$app_id.desktop" \
        "usr/share/metainfo/$app_id.metainfo.xml" \
        "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
        "usr/share/icons/hicolor/16x16/apps/$app_id.png" \
        "usr/share/icons/hicolor/48x48/apps/$app_id.png" \
        "usr/share/icons/hicolor/256x256/apps/$app_id.png" \
        usr/share/doc/pot-console/copyright \
        usr/share/doc/pot-console/changelog.gz \
        usr/share/man/man1/pot-console.1.gz \
        usr/share/man/man1/pot-console-cli.1.gz \
        usr/share/bash-completion/completions/pot-console-cli \
        usr/share/zsh/vendor-completions/_pot-console-cli \
        usr/share/fish/vendor_completions.d/pot-console-cli.fish; do
    grep -qE " \./$path\$" <<<"$contents" || fail "$path is missing from the .deb"
done
# Executables must be executable for everyone; data files must not be.
grep -E ' \./usr/bin/pot-console(-cli)?$' <<<"$contents" | grep -qv '^-rwxr-xr-x' \
    && fail "an executable in usr/bin is not mode 0755"
grep -qE '^-rwx.* \./usr/share/' <<<"$contents" && fail "a file under usr/share is executable"

info=$(dpkg-deb --info "$deb") || die "dpkg-deb --info cannot read $deb"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
has_dep() {
    # A dependency is a comma-separated entry, possibly with a version or alternatives.
    local name
    name=$(sed 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1")
    tr ',' '\n' <<<"$depends" | sed 's/^ *//' | grep -qE "^(.*\| *)?$name( |\$|:)"
}
[ "$(dpkg-deb --field "$deb" Package)" = pot-console ] || fail "Package field is not pot-console"
[ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "Version field is not $version"
grep -q '^ Homepage: ' <<<"$info" || fail "no Homepage field"
grep -q '^ Section: ' <<<"$info" || fail "no Section field"
# Loaded at run time, invisible to dpkg-shlibdeps: must be listed by hand in installer/.
for pkg in libqt6core6 qml6-module-qtqml qml6-module-qtquick qml6-module-qtquick-controls \
        qml6-module-qtquick-templates qml6-module-qtquick-layouts qml6-module-qtquick-dialogs \
        qml6-module-qt-labs-folderlistmodel qt6-qpa-plugins libsecret-1-0; do
    has_dep "$pkg" || fail "Depends lacks $pkg"
done
# Every shared library the executables link must come from a package in Depends (the shlibdeps
# part: Qt, libsodium, yaml-cpp, OpenSSL, QtKeychain as soon as the code uses them).
extract="$work_dir/root"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
dpkg-deb -x "$deb" "$extract" || die "dpkg-deb -x failed"
for exe in "$extract/usr/bin/pot-console" "$extract/usr/bin/pot-console-cli"; do
    for lib in $(readelf -d "$exe" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        # Look only in this architecture's library directory: other packages (libc6-i386, …)
        # ship files with the same name.
        owner=$(dpkg -S "*/$multiarch/$lib" 2>/dev/null | head -n1 | cut -d: -f1)
        if [ -z "$owner" ]; then
            fail "$(basename "$exe") needs $lib, which no installed package provides"
        elif ! has_dep "$owner"; then
            fail "$(basename "$exe") needs $lib from $owner, but Depends lacks $owner"
        fi
    done
done

# Licence, changelog and manual pages, as Debian policy wants them.
doc="$extract/usr/share/doc/pot-console"
if [ -f "$doc/copyright" ]; then
    head -n1 "$doc/copyright" \
        | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
        || fail "copyright is not in the machine-readable format"
    grep -qx 'License: EPL-2.0' "$doc/copyright" || fail "copyright names no EPL-2.0 licence"
    grep -q '^Upstream-Contact: .*<.*@.*>$' "$doc/copyright" || fail "copyright has no Upstream-Contact"
    # The full licence text, exactly LICENSE (Debian's common-licenses has no EPL-2.0): the
    # stand-alone "License: EPL-2.0" paragraph, unindented, with " ." read as an empty line.
    awk 'found { sub(/^ /, ""); if ($0 == ".") $0 = ""; print; next }
         /^License: EPL-2.0$/ && blank { found = 1 }
         { blank = ($0 == "") }' "$doc/copyright" >"$work_dir/copyright-license.txt"
    cmp -s "$work_dir/copyright-license.txt" "$source_dir/LICENSE" \
        || fail "the licence text in copyright differs from LICENSE"
fi
if [ -f "$doc/changelog.gz" ]; then
    changelog_version=$(gzip -dc "$doc/changelog.gz" | dpkg-parsechangelog -l - -S Version 2>&1)
    [ "$changelog_version" = "$version" ] \
        || fail "the changelog's latest entry is '$changelog_version', not $version"
fi
for b in pot-console pot-console-cli; do
    page="$extract/usr/share/man/man1/$b.1.gz"
    [ -f "$page" ] || continue
    gzip -dc "$page" | grep -q '^\.SH NAME' || fail "$b.1.gz is not a manual page"
    gzip -dc "$page" | grep -qF -- '\-\-help' || fail "$b.1.gz does not list --help"
done
if [ -f "$extract/usr/share/man/man1/pot-console-cli.1.gz" ]; then
    for c in 'jwt decode' 'jwt verify' 'creds check' 'creds export' 'creds test' 'profile add' 'login' 'get' 'describe' 'delete'; do
        gzip -dc "$extract/usr/share/man/man1/pot-console-cli.1.gz" | grep -q "pot-console-cli $c" \
            || fail "pot-console-cli.1.gz does not describe '$c'"
    done
fi
# The packaged bash completion loads and completes the CLI.
completion="$extract/usr/share/bash-completion/completions/pot-console-cli"
if [ -f "$completion" ]; then
    bash -n "$completion" || fail "the bash completion script has a syntax error"
    bash -c 'source "$1" && complete -p pot-console-cli' x "$completion" | grep -q _pot_console_cli \
        || fail "the bash completion script does not register a completion for pot-console-cli"
fi
# Extended description lines of at most 80 columns (Debian policy 5.6.13).
dpkg-deb --field "$deb" Description | tail -n +2 | awk 'length($0) > 80 { bad = 1 } END { exit bad }' \
    || fail "a Description line is longer than 80 columns"

# Desktop integration must hang together: Exec names a packaged binary, Icon a packaged icon, and
# the metainfo launches this desktop file and provides both binaries.
desktop="$extract/usr/share/applications/$app_id.desktop"
metainfo="$extract/usr/share/metainfo/$app_id.metainfo.xml"
if [ -f "$desktop" ]; then
    exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
    [ -x "$extract/usr/bin/$exec_name" ] || fail "desktop Exec=$exec_name is not in usr/bin"
    desktop-file-validate "$desktop" >"$work_dir/desktop-file-validate.log" 2>&1 \
        || { cat "$work_dir/desktop-file-validate.log" >&2; fail "desktop-file-validate rejects the desktop file"; }
    icon_name=$(sed -n 's/^Icon=//p' "$desktop")
    [ -f "$extract/usr/share/icons/hicolor/256x256/apps/$icon_name.png" ] \
        || fail "desktop Icon=$icon_name has no 256x256 PNG"
    file -b "$extract/usr/share/icons/hicolor/256x256/apps/$icon_name.png" \
        | grep -q '^PNG image data, 256 x 256' || fail "the 256x256 icon is not a 256x256 PNG"
fi
if [ -f "$metainfo" ]; then
    grep -q "<id>$app_id</id>" "$metainfo" || fail "metainfo id is not $app_id"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
        || fail "metainfo does not launch $app_id.desktop"
    grep -q "<release version=\"$version\"" "$metainfo" || fail "metainfo has no release $version"
    for b in pot-console pot-console-cli; do
        grep -q "<binary>$b</binary>" "$metainfo" || fail "metainfo does not provide $b"
    done
    if command -v appstreamcli >/dev/null 2>&1; then
        appstreamcli validate --no-net "$metainfo" >"$work_dir/appstream.log" 2>&1 \
            || { cat "$work_dir/appstream.log" >&2; fail "appstreamcli rejects the metainfo"; }
    fi
fi

# The packaged executables run (system Qt, no build-tree RPATH) and report the package version.
for b in pot-console pot-console-cli; do
    exe="$extract/usr/bin/$b"
    [ -x "$exe" ] || continue
    out=$(timeout 30 "$exe" --version 2>"$work_dir/$b.err")
    rc=$?
    if [ $rc -ne 0 ]; then
        cat "$work_dir/$b.err" >&2
        fail "packaged $b --version exited with $rc"
    elif [ "$out" != "$b $version" ]; then
        fail "packaged $b --version printed '$out', expected '$b $version'"
    fi
done

# Debian's checker: no error at all, and none of the tags fixed before may come back. Warnings
# and notes are shown for the record.
echo "== lintian"
lintian --tag-display-limit 0 --display-info "$deb" >"$work_dir/lintian.log" 2>&1
lintian_rc=$?
cat "$work_dir/lintian.log"
grep -q '^E: ' "$work_dir/lintian.log" && fail "lintian reports errors (E: lines above)"
[ $lintian_rc -ne 0 ] && ! grep -q '^[EW]: ' "$work_dir/lintian.log" \
    && fail "lintian failed to run (exit $lintian_rc)"
for tag in no-copyright-file no-changelog no-manual-page extended-description-line-too-long \
        hardening-no-bindnow; do
    grep -q " $tag\b" "$work_dir/lintian.log" && fail "lintian: $tag"
done

# --- .tar.gz -------------------------------------------------------------------------------------

echo "== cpack -G TGZ"
if ! (cd "$build_dir" && cpack --config CPackConfig.cmake -G TGZ -B "$work_dir/out") \
        >"$work_dir/cpack-tgz.log" 2>&1; then
    cat "$work_dir/cpack-tgz.log" >&2
    die "cpack -G TGZ failed"
fi
tgz=$(ls "$work_dir"/out/pot-console-"$version"-*.tar.gz 2>/dev/null | head -n1)
if [ -z "$tgz" ]; then
    fail "cpack -G TGZ produced no pot-console-$version-*.tar.gz"
else
    echo "built $(basename "$tgz") ($(stat -c %s "$tgz") bytes)"
    listing=$(tar -tzf "$tgz") || die "cannot list $tgz"
    top=$(basename "$tgz" .tar.gz)
    for path in bin/pot-console bin/pot-console-cli "share/applications/$app_id.desktop"; do
        grep -qx "$top/$path" <<<"$listing" || fail "$path is missing from $(basename "$tgz")"
    done
fi

if [ $failures -ne 0 ]; then
    echo "$failures package check(s) failed" >&2
    exit 1
fi
echo "all package checks passed"
