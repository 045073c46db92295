# simdjson: the amalgamation from the pinned npm package, so native and wasm use one version.
if(NOT EXISTS "${SWARMLENS_SIMDJSON_DIR}/simdjson.cpp")
  message(FATAL_ERROR "simdjson amalgamation not found in ${SWARMLENS_SIMDJSON_DIR}: run scripts/setup (npm ci)")
endif()
add_library(swarmlens_simdjson STATIC "${SWARMLENS_SIMDJSON_DIR}/simdjson.cpp")
target_include_directories(swarmlens_simdjson SYSTEM PUBLIC "${SWARMLENS_SIMDJSON_DIR}")
target_compile_features(swarmlens_simdjson PUBLIC cxx_std_20)
# The core never uses exceptions; simdjson's error-code API is all it needs.
target_compile_definitions(swarmlens_simdjson PUBLIC SIMDJSON_EXCEPTIONS=0)
target_compile_options(swarmlens_simdjson PRIVATE -O3 -w)
if(EMSCRIPTEN)
  target_compile_options(swarmlens_simdjson PUBLIC -fno-exceptions)
endif()

# xxHash: header-only (XXH_INLINE_ALL). Copied into the build tree, because em++ must never see
# -I/usr/include (it would pull in glibc headers).
find_file(SWARMLENS_XXHASH_H xxhash.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(SWARMLENS_THIRD_PARTY_INCLUDE "${PROJECT_BINARY_DIR}/third_party/include")
file(COPY "${SWARMLENS_XXHASH_H}" DESTINATION "${SWARMLENS_THIRD_PARTY_INCLUDE}")
add_library(swarmlens_xxhash INTERFACE)
target_include_directories(swarmlens_xxhash SYSTEM INTERFACE "${SWARMLENS_THIRD_PARTY_INCLUDE}")
target_compile_definitions(swarmlens_xxhash INTERFACE XXH_INLINE_ALL)

# Warnings and sanitizers, applied per target.
add_library(swarmlens_flags INTERFACE)
target_compile_features(swarmlens_flags INTERFACE cxx_std_20)
target_compile_options(swarmlens_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                 -Wno-sign-conversion
                                                 -Wno-missing-field-initializers)
if(SWARMLENS_SANITIZE)
  target_compile_options(swarmlens_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                   -fno-sanitize-recover=all)
  target_link_options(swarmlens_flags INTERFACE -fsanitize=address,undefined)
endif()
