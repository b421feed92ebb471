/* fuzz-lu.c — the Bot Framework .lu importer on any text
 *
 * An imported bot must save as a .vabot that loads, and export back to .lu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-format.h"
#include "va-lu.h"
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
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(VaBot) bot = va_lu_import ((const char *) data, size, "Fuzzed", &warnings, &error);
  g_autoptr(VaBot) loaded = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *exported = NULL;
  gsize length;

  if (bot == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  saved = va_format_save_data (bot, &length);
  loaded = va_format_load_data (saved, length, &error);
  if (loaded == NULL)
    g_error ("an imported bot saved to a file that does not load: %s\n%s", error->message, saved);
  exported = va_lu_export (bot);
  g_assert (exported != NULL);
  return 0;
}
