// Fuzzes format detection and whichever importer it picks.
#include "list_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  fuzz::importFuzzInput({{"/fuzz/list.txt", fuzz::asText(data, size)}},
                        {"/fuzz/list.txt", classify::ListFormat::kAuto, "fuzz"});
  return 0;
}
