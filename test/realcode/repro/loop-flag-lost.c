/* A flag set in one loop iteration ("have_auth") guards the acquisition in the next: once the
 * pointer has been moved to "user", the flag keeps "user_or_host" from being allocated again, so
 * "user" is never overwritten while it owns memory. The engine loses the flag across iterations.
 * Real code: mosquitto client_shared.c and mosquitto_ctrl options.c (parsing socks5h:// URLs).
 * Baseline: "'user' is overwritten while it still owns memory allocated by 'malloc'". */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
int parse(const char *str, char **user_out) {
  char *user_or_host = NULL, *user = NULL;
  bool have_auth = false;
  size_t i;
  for (i = 0; i < strlen(str); i++) {
    if (str[i] == ':') {
      if (!have_auth && !user_or_host) {
        user_or_host = malloc(8);
        if (!user_or_host) goto cleanup;
      }
    } else if (str[i] == '@') {
      have_auth = true;
      if (user_or_host) {
        user = user_or_host;
        user_or_host = NULL;
      }
    }
  }
  *user_out = user;
  free(user_or_host);
  return 0;
cleanup:
  free(user_or_host);
  free(user);
  return 1;
}
