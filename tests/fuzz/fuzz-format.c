/* fuzz-format.c — the .vabot loader on any bytes
 *
 * A file that loads must save in canonical form, and that form must load again and save to the
 * same bytes: a bot the app accepted and cannot reopen would be lost work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-format.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = va_format_load_data ((const char *) data, size, &error);
  g_autoptr(VaBot) again = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize length, length_again;

  if (bot == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (error == NULL);

  saved = va_format_save_data (bot, &length);
  again = va_format_load_data (saved, length, &error);
  if (again == NULL)
    g_error ("a loaded bot saved to a file that does not load: %s\n%s", error->message, saved);
  saved_again = va_format_save_data (again, &length_again);
  if (length != length_again || memcmp (saved, saved_again, length) != 0)
    g_error ("the canonical form changed on a second save:\n%s\n---\n%s", saved, saved_again);
  return 0;
}
