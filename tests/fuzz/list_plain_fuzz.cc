// Fuzzes the plain list importer with the input as one list file.
#include "list_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  fuzz::importFuzzInput({{"/fuzz/list", fuzz::asText(data, size)}},
                        {"/fuzz/list", classify::ListFormat::kPlainDomains, "fuzz"});
  return 0;
}
