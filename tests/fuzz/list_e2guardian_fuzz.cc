// Fuzzes the e2guardian importer. The input is the list and also two files it
// may include ("/fuzz/list", "/fuzz/a/b"), so that include chains, loops and
// relative paths are reached. Run once without a category (from #listcategory
// or errors) and once with one.
#include "list_fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  std::string text = fuzz::asText(data, size);
  std::vector<std::pair<std::string, std::string>> files = {
      {"/fuzz/list", text}, {"/fuzz/a/b", text}, {"/fuzz/a/c", "c.example\n.Include<../list>\n"}};
  fuzz::importFuzzInput(files, {"/fuzz/list", classify::ListFormat::kE2Guardian, ""});
  fuzz::importFuzzInput(files, {"/fuzz/a/b", classify::ListFormat::kE2Guardian, "fuzz"});
  return 0;
}
