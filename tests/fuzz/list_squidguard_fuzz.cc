// Fuzzes the squidGuard importer: the input is a category's domains, urls and
// expressions file at once, inside a folder of categories.
#include "list_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  std::string text = fuzz::asText(data, size);
  fuzz::importFuzzInput({{"/fuzz/sg/adult/domains", text},
                         {"/fuzz/sg/adult/urls", text},
                         {"/fuzz/sg/adult/expressions", text},
                         {"/fuzz/sg/adult/usage", text}},
                        {"/fuzz/sg", classify::ListFormat::kSquidGuard, ""});
  return 0;
}
