// Test helpers for src/tls: a temporary data directory and a CA verifier.
#pragma once

#include <openssl/x509_vfy.h>

#include <filesystem>
#include <string>

#include "core/test_support.h"
#include "tls/openssl_util.h"

namespace esafety::tls {

using ::esafety::testing::TempDir;

// X509_verify_cert of `leaf` against `ca` alone, at `when`, for serverAuth.
// Returns the verify error (X509_V_OK on success).
inline int verifyAgainst(X509* ca, X509* leaf, int64_t when) {
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca);
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf, nullptr);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(when));
  X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
  int ok = X509_verify_cert(ctx);
  int error = ok == 1 ? X509_V_OK : X509_STORE_CTX_get_error(ctx);
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  return error;
}

}  // namespace esafety::tls
