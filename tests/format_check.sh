#!/usr/bin/env bash
# Fails if a C++ source of the project is not as clang-format (.clang-format)
# writes it, naming the files. Run by ctest as `format`; fix with
#   clang-format -i FILE...
set -euo pipefail
src=${1:?usage: format_check.sh SOURCE_DIR}
cd "$src"
if [ -d .git ] && command -v git >/dev/null; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
else
  mapfile -t files < <(find lib platform tests bench examples -name '*.cpp' -o -name '*.hpp' -o -name '*.h' 2>/dev/null)
fi
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -ne 0 ]; then
  printf 'not clang-formatted: %s\n' "${bad[@]}"
  exit 1
fi
echo "format: ${#files[@]} files clang-formatted"
