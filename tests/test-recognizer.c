/* test-recognizer.c — unit tests of the trigger-phrase recognizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <string.h>

#include "va-recognizer.h"
#include "va-text.h"

static const char * const greeting[] = { "hello", "hi there", "good morning", "hey", NULL };
static const char * const balance[] = { "what is my account balance", "how much money do I have",
                                        "check my balance", "show the balance of my account",
                                        NULL };
static const char * const card_lost[] = { "I lost my card", "my card was stolen",
                                          "block my lost credit card", "report a stolen card",
                                          NULL };
static const char * const transfer[] = { "transfer money to my savings", "send money to a friend",
                                         "make a bank transfer", "wire funds to another account",
                                         NULL };
static const char * const opening_hours[] = { "when are you open", "what are your opening hours",
                                              "are you open on sunday", NULL };

static VaRecognizer *
make_bot (gboolean trained)
{
  VaRecognizer *rec = va_recognizer_new ("en");

  va_recognizer_set_trained (rec, trained);
  va_recognizer_add_topic (rec, "greeting", greeting);
  va_recognizer_add_topic (rec, "balance", balance);
  va_recognizer_add_topic (rec, "card-lost", card_lost);
  va_recognizer_add_topic (rec, "transfer", transfer);
  va_recognizer_add_topic (rec, "hours", opening_hours);
  va_recognizer_add_topic (rec, "empty", NULL);
  va_recognizer_build (rec);
  return rec;
}

static const char *
top (VaRecognizer *rec, const char *text)
{
  VaRecognizerMatch m[3];
  guint n = va_recognizer_rank (rec, text, m, G_N_ELEMENTS (m));

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (m[i].score >= 0 && m[i].score <= 1);
      g_assert_nonnull (m[i].phrase);
      if (i > 0)
        g_assert_cmpfloat (m[i].score, <=, m[i - 1].score);
      g_assert_cmpstr (m[i].topic_id, !=, "empty");
    }
  return n > 0 ? m[0].topic_id : NULL;
}

static void
check_robust (gconstpointer data)
{
  g_autoptr (VaRecognizer) rec = make_bot (GPOINTER_TO_INT (data));

  /* exact, casing, punctuation */
  g_assert_cmpstr (top (rec, "check my balance"), ==, "balance");
  g_assert_cmpstr (top (rec, "CHECK MY BALANCE!!!"), ==, "balance");
  g_assert_cmpstr (top (rec, "check... my, balance?"), ==, "balance");
  /* typos */
  g_assert_cmpstr (top (rec, "chek my ballance"), ==, "balance");
  g_assert_cmpstr (top (rec, "i lsot my crad"), ==, "card-lost");
  /* word order */
  g_assert_cmpstr (top (rec, "balance my check"), ==, "balance");
  g_assert_cmpstr (top (rec, "stolen card my"), ==, "card-lost");
  /* inflection */
  g_assert_cmpstr (top (rec, "transferring money"), ==, "transfer");
  g_assert_cmpstr (top (rec, "cards were stolen"), ==, "card-lost");
  /* accents and apostrophes */
  g_assert_cmpstr (top (rec, "Whát's my balançe"), ==, "balance");
  g_assert_cmpstr (top (rec, "what time do you open"), ==, "hours");
}

static void
check_safe_input (void)
{
  g_autoptr (VaRecognizer) rec = make_bot (TRUE);
  VaRecognizerMatch m[4];
  g_autofree char *big = g_malloc (1024 * 1024 + 1);
  const char invalid[] = { 'c', 'a', 'r', 'd', ' ', (char) 0xff, (char) 0xc3, ' ', 'l', 'o', 's',
                           't', (char) 0xe2, (char) 0x82, 0 };

  g_assert_cmpuint (va_recognizer_rank (rec, "", m, 4), ==, 0);
  g_assert_cmpuint (va_recognizer_rank (rec, "   \t\n ", m, 4), ==, 0);
  g_assert_cmpuint (va_recognizer_rank (rec, NULL, m, 4), ==, 0);
  g_assert_cmpuint (va_recognizer_rank (rec, "😀🎉", m, 4), ==, 0);
  g_assert_cmpuint (va_recognizer_rank (rec, "check balance", m, 0), ==, 0);
  g_assert_cmpstr (top (rec, invalid), ==, "card-lost");
  g_assert_cmpstr (top (rec, "my card 😀 was stolen"), ==, "card-lost");

  for (gsize i = 0; i < 1024 * 1024; i++)
    big[i] = "ab cd\xc3\xa9 "[i % 8];
  big[1024 * 1024] = '\0';
  va_recognizer_rank (rec, big, m, 4); /* must not crash nor take long */
}

static void
check_normalize (void)
{
  g_autofree char *a = va_text_normalize ("  Héllo,   WORLD!! isn't it?  ", -1);
  g_autofree char *b = va_text_normalize ("\xff\xfe", -1);
  g_autofree char *c = va_text_normalize ("Straße ﬁne", -1);
  g_autoptr (VaTextAnalyzer) en = va_text_analyzer_new ("en_US");
  g_autoptr (VaTextAnalyzer) none = va_text_analyzer_new ("xx");
  g_autofree char *s1 = va_text_analyzer_stem (en, "transferring");
  g_autofree char *s2 = va_text_analyzer_stem (none, "transferring");

  g_assert_cmpstr (a, ==, "hello world isnt it");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpstr (c, ==, "strasse fine");
  g_assert_true (va_text_analyzer_has_stemmer (en));
  g_assert_false (va_text_analyzer_has_stemmer (none));
  g_assert_cmpstr (s1, ==, "transfer");
  g_assert_cmpstr (s2, ==, "transferring");
}

static void
check_decide (void)
{
  g_autoptr (VaRecognizer) rec = make_bot (TRUE);
  VaRecognizerMatch m[3];
  guint n = 99;
  double thr = va_recognizer_default_threshold ();
  double margin = va_recognizer_default_margin ();

  g_assert_cmpint (va_recognizer_decide (rec, "I lost my card", thr, margin, m, 3, &n), ==,
                   VA_RECOGNITION_MATCH);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (m[0].topic_id, ==, "card-lost");

  g_assert_cmpint (va_recognizer_decide (rec, "zebra quantum xylophone", thr, margin, m, 3, &n),
                   ==, VA_RECOGNITION_FALLBACK);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (va_recognizer_decide (rec, "", thr, margin, m, 3, &n), ==,
                   VA_RECOGNITION_FALLBACK);

  /* A message half about two topics, with a wide margin: both are offered. */
  g_assert_cmpint (va_recognizer_decide (rec, "my card was stolen, what is my balance", 0.01, 1.0,
                                         m, 3, &n), ==, VA_RECOGNITION_MULTIPLE);
  g_assert_cmpuint (n, >=, 2);
  g_assert_true ((g_str_equal (m[0].topic_id, "card-lost") && g_str_equal (m[1].topic_id, "balance")) ||
                 (g_str_equal (m[1].topic_id, "card-lost") && g_str_equal (m[0].topic_id, "balance")));
  /* Same message, no margin: never asks. */
  g_assert_cmpint (va_recognizer_decide (rec, "my card was stolen, what is my balance", 0.01, 0.0,
                                         m, 3, &n), ==, VA_RECOGNITION_MATCH);
  /* Threshold above any score: Fallback. */
  g_assert_cmpint (va_recognizer_decide (rec, "check my balance", 1.01, 0.0, m, 3, &n), ==,
                   VA_RECOGNITION_FALLBACK);
}

static void
check_rebuild (void)
{
  g_autoptr (VaRecognizer) rec = make_bot (TRUE);
  static const char * const weather[] = { "what is the weather", "will it rain tomorrow",
                                          "weather forecast", NULL };
  static const char * const hours2[] = { "is the branch open late", NULL };

  g_assert_cmpstr (top (rec, "will it rain tomorrow"), !=, "weather");
  va_recognizer_add_topic (rec, "weather", weather);
  va_recognizer_build (rec);
  g_assert_cmpstr (top (rec, "will it rain tomorrow"), ==, "weather");
  g_assert_cmpuint (va_recognizer_get_n_topics (rec), ==, 7);

  /* Replacing a topic's phrases, and lazy rebuild without build(). */
  va_recognizer_add_topic (rec, "hours", hours2);
  g_assert_cmpstr (top (rec, "is the branch open late"), ==, "hours");
  g_assert_true (va_recognizer_remove_topic (rec, "weather"));
  g_assert_false (va_recognizer_remove_topic (rec, "weather"));
  g_assert_cmpstr (top (rec, "will it rain tomorrow"), !=, "weather");
}

static void
check_empty_bot (void)
{
  g_autoptr (VaRecognizer) rec = va_recognizer_new (NULL);
  VaRecognizerMatch m[2];
  guint n = 5;

  g_assert_cmpuint (va_recognizer_rank (rec, "hello", m, 2), ==, 0);
  va_recognizer_add_topic (rec, "nothing", NULL);
  g_assert_cmpint (va_recognizer_decide (rec, "hello", 0.1, 0.1, m, 2, &n), ==,
                   VA_RECOGNITION_FALLBACK);
  g_assert_cmpuint (n, ==, 0);
  /* Unknown language: no stemming, still matches. */
  va_recognizer_add_topic (rec, "greeting", greeting);
  g_assert_cmpstr (top (rec, "Hello!"), ==, "greeting");
}

/* Stores the outcome of va_recognizer_build_async() in *user_data: its error, or a
 * G_IO_ERROR_EXISTS marker on success so that completion is always visible. */
static void
on_built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  if (va_recognizer_build_finish (VA_RECOGNIZER (source), result, error))
    {
      g_assert_true (va_recognizer_get_model_ready (VA_RECOGNIZER (source)));
      *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "built");
    }
}

static GError *
run_until (GError **error)
{
  while (*error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *error;
}

static void
check_async (void)
{
  g_autoptr (VaRecognizer) sync = make_bot (TRUE);
  g_autoptr (VaRecognizer) rec = make_bot (FALSE);
  static const char * const weather[] = { "what is the weather", "will it rain tomorrow", NULL };
  const char *texts[] = { "check my balance", "i lsot my crad", "send money to my friend",
                          "are you open on sunday" };
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  VaRecognizerMatch a[3], b[3];

  /* Untrained -> trained: the index is usable at once, the model arrives on the main context. */
  va_recognizer_set_trained (rec, TRUE);
  va_recognizer_build_async (rec, NULL, on_built, &error);
  g_assert_false (va_recognizer_get_model_ready (rec));
  g_assert_cmpstr (top (rec, "check my balance"), ==, "balance");
  g_assert_error (run_until (&error), G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (va_recognizer_get_model_ready (rec));

  /* The model trained in the thread is the one a synchronous build trains. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      guint na = va_recognizer_rank (sync, texts[i], a, 3);
      guint nb = va_recognizer_rank (rec, texts[i], b, 3);

      g_assert_cmpuint (na, ==, nb);
      for (guint k = 0; k < na; k++)
        {
          g_assert_cmpstr (a[k].topic_id, ==, b[k].topic_id);
          g_assert_cmpfloat_with_epsilon (a[k].score, b[k].score, 1e-6);
        }
    }

  /* Topics changed during training: that model is dropped, the new topics are ranked. */
  va_recognizer_build_async (rec, NULL, on_built, &error);
  va_recognizer_add_topic (rec, "weather", weather);
  g_assert_cmpstr (top (rec, "will it rain tomorrow"), ==, "weather");
  g_assert_error (run_until (&error), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (va_recognizer_get_model_ready (rec)); /* the lazy synchronous build */

  /* Cancelled by the caller: no model, the centroids still answer. */
  va_recognizer_build_async (rec, cancellable, on_built, &error);
  g_cancellable_cancel (cancellable);
  g_assert_error (run_until (&error), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (va_recognizer_get_model_ready (rec));
  g_assert_cmpstr (top (rec, "will it rain tomorrow"), ==, "weather");

  /* Dropping the recognizer while it trains is safe: the task keeps it alive until done. */
  va_recognizer_build_async (rec, NULL, on_built, &error);
  g_clear_object (&rec);
  g_assert_error (run_until (&error), G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recognizer/normalize", check_normalize);
  g_test_add_data_func ("/recognizer/robust/trained", GINT_TO_POINTER (TRUE), check_robust);
  g_test_add_data_func ("/recognizer/robust/untrained", GINT_TO_POINTER (FALSE), check_robust);
  g_test_add_func ("/recognizer/safe-input", check_safe_input);
  g_test_add_func ("/recognizer/decide", check_decide);
  g_test_add_func ("/recognizer/rebuild", check_rebuild);
  g_test_add_func ("/recognizer/empty-bot", check_empty_bot);
  g_test_add_func ("/recognizer/async", check_async);

  return g_test_run ();
}
