// `esafety init`: creates a data directory with a school in it, either the
// default set-up (categories and groups, nothing else) or the demo school
// (plus devices, local entries and the demo lists, compiled).
#pragma once

#include <string>

#include "classify/list_entry.h"
#include "control/data_dir.h"
#include "control/list_compiler.h"

namespace esafety::control {

struct SetupOptions {
  bool demo = false;
  bool force = false;            // replace an existing database
  std::string school_name = "My School";
  std::string urn;
  std::string actor = "setup";
};

// Refuses (kAlreadyExists) to touch an initialised directory unless `force`.
Result<CompileReport> initDataDir(const DataDir& dir, const SetupOptions& options, Clock& clock,
                                  classify::ProgressSink* progress,
                                  classify::ProblemSink& problems);

}  // namespace esafety::control
