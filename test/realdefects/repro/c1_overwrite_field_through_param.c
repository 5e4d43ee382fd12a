/* Cause C1: a field reached through a parameter, which may still own a block from an
   earlier call, is overwritten (libssh crypto->dh_ctx / next_crypto->ecdh_privkey,
   CVE-2025-8277; gdk-pixbuf ANI context->title; openvpn ctx->tls_crypt_v2_metadata;
   ImageMagick stream_info->quantum_info; tiffcrop *crop_buff_ptr). The engine tracks what
   the function acquires, not what the caller's structure already owns. */
#include <stdlib.h>

struct crypto { void *dh_ctx; };

int dh_init(struct crypto *crypto) {
  void *ctx = calloc(1, 64);
  if (ctx == NULL)
    return -1;
  crypto->dh_ctx = ctx; /* leak: the block an earlier dh_init() left here */
  return 0;
}

void dh_cleanup(struct crypto *crypto) {
  free(crypto->dh_ctx);
  crypto->dh_ctx = NULL;
}

/* Measured: leaklint (baseline 0.1.0): nothing.
   clang-19 --analyze -Xanalyzer -analyzer-checker=unix.Malloc,unix.Stream: nothing. */
