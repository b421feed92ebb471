/* fuzz-script.c — the transcript script (.chat) parser on any text
 *
 * A script that parses must write back (va_script_to_string) to text that parses again into the
 * same script.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-script.h"
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
  g_autoptr(VaScript) script = va_script_parse ((const char *) data, size, "fuzz.chat", &error);
  g_autoptr(VaScript) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  if (script == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  text = va_script_to_string (script);
  again = va_script_parse (text, -1, "fuzz.chat", &error);
  if (again == NULL)
    g_error ("a parsed script wrote text that does not parse: %s\n%s", error->message, text);
  text_again = va_script_to_string (again);
  if (strcmp (text, text_again) != 0)
    g_error ("a script changed on a second round trip:\n%s\n---\n%s", text, text_again);
  return 0;
}
