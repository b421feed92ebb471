/* fuzz-common.h — what every libFuzzer target of tests/fuzz shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <string.h>
#include <glib.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* g_error() traps, which libFuzzer does not take for a crash: abort instead, so the input that
 * did it is saved. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
                   G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

/* A g_critical() or g_warning() is a bug the fuzzer found, like a crash. */
static inline void
fuzz_init (void)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_log_writer_default_set_use_stderr (TRUE);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* The input as a NUL-terminated string (it may hold NULs of its own). */
static inline char *
fuzz_strdup (const uint8_t *data,
             size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

/* The file a target reads its seed bots from: VA_FUZZ_DATA_DIR is the source tree's tests/. */
static inline char *
fuzz_read_data (const char *relative,
                gsize      *length)
{
  g_autofree char *path = g_build_filename (VA_FUZZ_DATA_DIR, relative, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, NULL))
    g_error ("fuzz: cannot read %s", path);
  return contents;
}
