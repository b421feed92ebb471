/* fuzz-json.c — the .vabot reader's own JSON parser against json-glib
 *
 * va_format_json_parse_plain() takes only what it is sure json-glib reads the same way; whatever
 * it takes, json-glib must take too and give the same tree (tests/va-test-json.h). Whatever it
 * declines goes to json-glib in the app, so declining is always allowed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-format-private.h"
#include "fuzz-common.h"
#include "va-test-json.h"

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
  g_autoptr(VaFormatJsonDocument) ours = va_format_json_parse_plain ((const char *) data, size);
  g_autoptr(VaFormatJsonDocument) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  const VaFormatJson *root, *their_root;

  if (ours == NULL)
    return 0;
  theirs = va_format_json_parse ((const char *) data, size, &error);
  if (theirs == NULL)
    g_error ("our parser took what json-glib refuses: %s", error->message);
  root = va_format_json_document_get_root (ours);
  their_root = va_format_json_document_get_root (theirs);
  if ((root == NULL) != (their_root == NULL))
    g_error ("our parser and json-glib differ on whether there is a value at all");
  if (root != NULL && !va_test_json_same (root, their_root, "$", where))
    g_error ("our parser read another tree than json-glib: %s", where->str);
  return 0;
}
