/* fuzz-recognizer.c — any text against a bot's recognizer, and recognizers built from any phrases
 *
 * First byte even: the rest is a message, ranked against the sample bot's recognizer and the
 * every-node test bot's (built once). Odd: the rest builds a recognizer of its own — "# name"
 * lines start a topic, other lines are its trigger phrases, the last line is the message — that is
 * queried, changed (a topic removed, one added) and queried again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "va-bot-recognizer.h"
#include "va-format.h"
#include "va-template.h"
#include "fuzz-common.h"

#define MAX_TOPICS   48
#define MAX_PHRASES  200

static VaRecognizer *recognizers[2];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(VaBot) sample = NULL;
  g_autoptr(VaBot) every_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  fuzz_init ();
  sample = va_template_new_bot ();
  contents = fuzz_read_data ("data/bots/every-node.vabot", &length);
  every_node = va_format_load_data (contents, length, &error);
  g_assert_no_error (error);
  recognizers[0] = va_bot_recognizer_new (sample);
  recognizers[1] = va_bot_recognizer_new (every_node);
  for (guint i = 0; i < G_N_ELEMENTS (recognizers); i++)
    va_recognizer_build (recognizers[i]);
  return 0;
}

static void
query (VaRecognizer *recognizer,
       const char   *text)
{
  VaRecognizerMatch matches[8];
  guint n, n_out;
  VaRecognitionKind kind;

  n = va_recognizer_rank (recognizer, text, matches, G_N_ELEMENTS (matches));
  g_assert (n <= G_N_ELEMENTS (matches));
  for (guint i = 0; i < n; i++)
    {
      g_assert (matches[i].topic_id != NULL);
      g_assert (matches[i].score >= 0.0 && matches[i].score <= 1.0);
      g_assert (i == 0 || matches[i].score <= matches[i - 1].score);
    }
  kind = va_recognizer_decide (recognizer, text, va_recognizer_default_threshold (),
                               va_recognizer_default_margin (), matches, G_N_ELEMENTS (matches),
                               &n_out);
  g_assert (kind != VA_RECOGNITION_FALLBACK || n_out == 0);
  g_assert (kind != VA_RECOGNITION_MATCH || n_out == 1);
  g_assert (kind != VA_RECOGNITION_MULTIPLE || n_out >= 2);
}

static void
build_and_query (char *text)
{
  g_autoptr(VaRecognizer) recognizer = va_recognizer_new ("en");
  g_auto(GStrv) lines = g_strsplit (text, "\n", MAX_PHRASES + MAX_TOPICS + 1);
  g_autoptr(GPtrArray) phrases = g_ptr_array_new ();
  g_autofree char *topic = NULL;
  guint n_lines = g_strv_length (lines), n_topics = 0;
  const char *message = n_lines > 0 ? lines[n_lines - 1] : "";

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      if (g_str_has_prefix (lines[i], "# ") || topic == NULL)
        {
          if (topic != NULL && phrases->len > 0 && n_topics < MAX_TOPICS)
            {
              g_ptr_array_add (phrases, NULL);
              va_recognizer_add_topic (recognizer, topic, (const char * const *) phrases->pdata);
              n_topics++;
            }
          g_ptr_array_set_size (phrases, 0);
          g_free (topic);
          topic = g_strdup (g_str_has_prefix (lines[i], "# ") ? lines[i] + 2 : "first");
          if (g_str_has_prefix (lines[i], "# "))
            continue;
        }
      g_ptr_array_add (phrases, lines[i]);
    }
  if (topic != NULL && phrases->len > 0)
    {
      g_ptr_array_add (phrases, NULL);
      va_recognizer_add_topic (recognizer, topic, (const char * const *) phrases->pdata);
    }

  va_recognizer_build (recognizer);
  query (recognizer, message);
  /* Changing the topics makes the index stale; the next query rebuilds it. */
  if (topic != NULL)
    va_recognizer_remove_topic (recognizer, topic);
  va_recognizer_add_topic (recognizer, "added", (const char * const []) { message, NULL });
  query (recognizer, message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  if (size == 0)
    return 0;
  raw = fuzz_strdup (data + 1, size - 1);
  /* The recognizer takes UTF-8; the runtime makes every message valid before it asks. */
  text = g_utf8_make_valid (raw, -1);
  if (data[0] % 2 == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (recognizers); i++)
        query (recognizers[i], text);
    }
  else
    build_and_query (text);
  return 0;
}
