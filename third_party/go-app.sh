#!/usr/bin/env bash
# Regenerates third_party/go-app/ (or DIR): go-app v10.1.11 as its module
# zip holds it, checked against the hash below, plus the patches in
# third_party/go-app-patches/, applied in order. go.mod's replace points
# the build at the result. TestGoappTree checks that the committed tree is
# exactly this script's output.
#
#   third_party/go-app.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-third_party/go-app}
case $out in /*) ;; *) out=$PWD/$out ;; esac
patches=$PWD/third_party/go-app-patches
mod=github.com/maxence-charriere/go-app/v10@v10.1.11
sum=h1:4JUSlVQ8zVIeL3acFJEpuerP6FLoEQWg6CUTtHcz7Ro=

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Outside this module, so that go.mod's replace does not answer for it.
info=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$mod")
dir=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
got=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p')
if [ "$got" != "$sum" ]; then
  echo "go-app.sh: $mod has hash $got, not $sum" >&2
  exit 1
fi

# What the build needs of the module: its licence, go.mod and go.sum, and
# the non-test sources of pkg/app and pkg/errors.
tree=$work/tree
mkdir -p "$tree/pkg/app" "$tree/pkg/errors"
cp "$dir/LICENSE" "$dir/go.mod" "$dir/go.sum" "$tree/"
for pkg in pkg/app pkg/errors; do
  find "$dir/$pkg" -maxdepth 1 -type f -name '*.go' ! -name '*_test.go' -exec cp {} "$tree/$pkg/" \;
done
chmod -R u+w "$tree"

# git apply works on plain files outside a repository, and fails on a
# patch that no longer applies exactly.
for p in "$patches"/*.patch; do
  (cd "$tree" && git apply --whitespace=error-all "$p") || {
    echo "go-app.sh: $(basename "$p") does not apply to $mod" >&2
    exit 1
  }
done

rm -rf "$out"
mkdir -p "$(dirname "$out")"
cp -r "$tree" "$out"
echo "go-app.sh: $out is $mod plus $(ls "$patches"/*.patch | wc -l) patches"
