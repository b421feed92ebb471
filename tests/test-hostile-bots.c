/* test-hostile-bots.c — bot files written to hurt: huge, deep, long, looping, evil patterns,
 * markup in variables, odd links and odd request addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case says what it built and what happened (time, memory) with g_test_message(), so the
 * TAP log shows the behaviour, not only a pass. Big files are written at run time in a temporary
 * folder, never checked in. Memory is the process's peak resident size (getrusage); the bounds
 * asserted are generous: they catch "gigabytes", not a few megabytes more or less.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "va-conversation.h"
#include "va-entity.h"
#include "va-entity-extract.h"
#include "va-format.h"
#include "va-http.h"
#include "va-interpolate.h"
#include "va-json-value.h"
#include "va-node.h"
#include "va-script.h"
#include "va-template.h"
#include "va-test-util.h"
#include "va-topic.h"

/* Under AddressSanitizer freed memory waits in a quarantine and every block has a shadow: the
 * resident size no longer tells what the code keeps, so it is only printed. */
#if defined(__SANITIZE_ADDRESS__)
# define UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define UNDER_ASAN 1
# endif
#endif
#ifndef UNDER_ASAN
# define UNDER_ASAN 0
#endif

#define HEAD "{\"format\": \"virtual-agent-bot\", \"version\": 1, \"bot\": {\"id\": \"b\", \"name\": \"B\"}"
#define MiB (1024 * 1024)

/* {{{ Helpers */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The first line of @message, at most 200 bytes, for the log. */
static char *
first_line (const char *message)
{
  gsize n = strcspn (message, "\n");

  return g_strndup (message, MIN (n, 200));
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("va-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* }}} */
/* {{{ Huge files */

/* Writes @size bytes: a valid bot, then blanks. */
static void
write_padded_bot (const char *path,
                  gsize       size)
{
  static const char bot[] = HEAD "}";
  static char blanks[MiB];
  FILE *f = fopen (path, "w");
  gsize written = sizeof bot - 1;

  g_assert_nonnull (f);
  memset (blanks, ' ', sizeof blanks);
  g_assert_cmpuint (fwrite (bot, 1, written, f), ==, written);
  while (written < size)
    {
      gsize n = MIN (sizeof blanks, size - written);

      g_assert_cmpuint (fwrite (blanks, 1, n, f), ==, n);
      written += n;
    }
  g_assert_cmpint (fclose (f), ==, 0);
}

static void
test_file_over_limit (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "just-over.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autofree char *expected = NULL;
  gint64 start;
  double took;

  /* A real file (every byte on disk), one byte above the limit. */
  write_padded_bot (path, VA_FORMAT_MAX_SIZE + 1);
  start = g_get_monotonic_time ();
  bot = va_format_load_file (file, NULL, &error);
  took = seconds_since (start);
  g_test_message ("64 MiB + 1 byte: refused in %.3f s: %s", took, error != NULL ? error->message : "-");
  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("%s: the file is too large (%d bytes; at most 64 MiB)", path,
                              VA_FORMAT_MAX_SIZE + 1);
  g_assert_cmpstr (error->message, ==, expected);
  /* Refused from its size, before reading: far below a second even on a slow disk. */
  g_assert_cmpfloat (took, <, 5.0);

  /* Exactly at the limit, the size is no reason to refuse: this one loads. */
  g_clear_error (&error);
  write_padded_bot (path, VA_FORMAT_MAX_SIZE);
  start = g_get_monotonic_time ();
  bot = va_format_load_file (file, NULL, &error);
  g_test_message ("exactly 64 MiB (a bot and blanks): loaded in %.3f s", seconds_since (start));
  g_assert_no_error (error);
  g_assert_nonnull (bot);
  g_assert_cmpstr (va_bot_get_name (bot), ==, "B");

  g_unlink (path);
  g_rmdir (dir);
}

#define NODES_PER_TOPIC 50

/* The nodes of a topic of write_realistic_bot(), the same in every topic (ids are per topic). */
static char *
realistic_nodes (void)
{
  GString *out = g_string_new ("\n      ],\n      \"start\": \"n0\",\n      \"nodes\": [");

  for (guint n = 0; n < NODES_PER_TOPIC; n++)
    {
      g_string_append_printf (out, "%s\n        {\n          \"id\": \"n%u\",\n"
                              "          \"type\": \"message\",\n          \"text\": "
                              "\"Here is what you asked for: a typical answer of a "
                              "support bot, step %u.\"", n > 0 ? "," : "", n, n);
      if (n + 1 < NODES_PER_TOPIC)
        g_string_append_printf (out, ",\n          \"next\": \"n%u\"", n + 1);
      g_string_append (out, "\n        }");
    }
  g_string_append (out, "\n      ]\n    }");
  return g_string_free (out, FALSE);
}

/* Their places in the layout section, after the topic's key. */
static char *
realistic_layout (void)
{
  GString *out = g_string_new (NULL);

  for (guint n = 0; n < NODES_PER_TOPIC; n++)
    g_string_append_printf (out, "%s\n      \"n%u\": [\n        %u,\n        %u\n      ]",
                            n > 0 ? "," : "", n, 100 * n, 60 * n);
  g_string_append (out, "\n    }");
  return g_string_free (out, FALSE);
}

static gsize
write_topic (FILE       *f,
             guint       t,
             const char *nodes)
{
  gsize written = fprintf (f, "%s\n    {\n      \"id\": \"topic-%u\",\n      \"name\": "
                           "\"Topic number %u\",\n      \"trigger_phrases\": [",
                           t > 0 ? "," : "", t, t);

  for (guint p = 0; p < 10; p++)
    written += fprintf (f, "%s\n        \"how do I get help with thing %u, way %u\"",
                        p > 0 ? "," : "", t, p);
  return written + fwrite (nodes, 1, strlen (nodes), f);
}

static gsize
write_layout (FILE       *f,
              guint       t,
              const char *layout)
{
  gsize written = fprintf (f, "%s\n    \"topic-%u\": {", t > 0 ? "," : "", t);

  return written + fwrite (layout, 1, strlen (layout), f);
}

/* A bot as the app saves it (pretty-printed), of about @size bytes: topics of 50 message nodes
 * with ordinary text, 10 trigger phrases each, every node placed in the layout. Written topic by
 * topic, so that making it costs no memory. Returns the number of topics. */
static guint
write_realistic_bot (const char *path,
                     gsize       size)
{
  g_autofree char *nodes = realistic_nodes ();
  g_autofree char *layout = realistic_layout ();
  FILE *f = fopen (path, "w");
  guint n_topics;

  g_assert_nonnull (f);
  /* The size of one topic and its layout, measured by writing the first. */
  fputs ("{\n  \"format\": \"virtual-agent-bot\",\n  \"version\": 1,\n  \"bot\": {\n"
         "    \"id\": \"huge\",\n    \"name\": \"Huge\"\n  },\n  \"topics\": [", f);
  n_topics = (guint) (size / (write_topic (f, 0, nodes) + strlen (layout) + 20));
  for (guint t = 1; t < n_topics; t++)
    write_topic (f, t, nodes);
  fputs ("\n  ],\n  \"layout\": {", f);
  for (guint t = 0; t < n_topics; t++)
    write_layout (f, t, layout);
  fputs ("\n  }\n}\n", f);
  g_assert_cmpint (fclose (f), ==, 0);
  return n_topics;
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_file_huge_valid (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  guint n_topics = write_realistic_bot (path, 60 * MiB);
  gsize size = file_size (path);
  long before;
  long after;
  gint64 start;
  double took;

  g_assert_cmpuint (size, >, 58 * MiB);
  g_assert_cmpuint (size, <, VA_FORMAT_MAX_SIZE);

  /* The same, smaller, is a bot that loads: the big one is valid too. */
  {
    g_autofree char *small_path = g_build_filename (dir, "small.vabot", NULL);
    g_autoptr(GFile) small = g_file_new_for_path (small_path);
    guint n = write_realistic_bot (small_path, 512 * 1024);
    g_autoptr(VaBot) loaded = va_format_load_file (small, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_topics (loaded)), ==, n);
    g_unlink (small_path);
  }

  before = va_test_peak_rss_mib ();
  start = g_get_monotonic_time ();
  bot = va_format_load_file (file, NULL, &error);
  took = seconds_since (start);
  after = va_test_peak_rss_mib ();
  if (bot != NULL)
    g_test_message ("%.1f MiB valid bot (%u topics x 50 nodes): loaded in %.2f s; peak RSS %ld -> "
                    "%ld MiB", size / (double) MiB, n_topics, took, before, after);
  else
    {
      g_autofree char *line = first_line (error->message);

      g_test_message ("%.1f MiB valid bot (%u topics x 50 nodes): refused in %.2f s (%s); peak "
                      "RSS %ld -> %ld MiB", size / (double) MiB, n_topics, took, line, before, after);
      /* Refused by one of the limits, said as such. */
      g_assert_true (g_error_matches (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE) ||
                     strstr (error->message, "too many") != NULL);
    }
  /* A few hundred MiB at most, whichever way it went (reading it whole took 600 MiB). */
  if (!UNDER_ASAN)
    g_assert_cmpint (after, <, 512);
  g_unlink (path);
  g_rmdir (dir);
}

/* Files that are small but hold millions of tiny values: what a JSON parser keeps for each
 * value is a hundred times its two bytes in the file. */
static void
test_file_tiny_values (void)
{
  static const struct
  {
    const char *what;
    const char *item;   /* repeated inside lists of 10,000 */
  } shapes[] = {
    { "trigger phrases \"a\"", "\"a\"" },
    { "empty objects", "{}" },
    { "numbers", "1" },
  };
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "tiny.vabot", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = NULL;
      g_autofree char *line = NULL;
      FILE *f = fopen (path, "w");
      g_autoptr(GString) list = g_string_new (NULL);
      gsize written = 0;
      long before, after;
      gint64 start;
      double took;

      /* Lists of 10,000 (the list limit) in topic after topic, up to 60 MiB. */
      for (guint i = 0; i < 10000; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? "," : "", shapes[s].item);
      g_assert_nonnull (f);
      written += fprintf (f, HEAD ", \"topics\": [");
      for (guint t = 0; written < 60 * MiB; t++)
        {
          written += fprintf (f, "%s{\"id\": \"t%u\", \"name\": \"T\", \"trigger_phrases\": [",
                              t > 0 ? "," : "", t);
          written += fwrite (list->str, 1, list->len, f);
          written += fprintf (f, "]}");
        }
      fprintf (f, "]}");
      g_assert_cmpint (fclose (f), ==, 0);

      before = va_test_peak_rss_mib ();
      start = g_get_monotonic_time ();
      bot = va_format_load_file (file, NULL, &error);
      took = seconds_since (start);
      after = va_test_peak_rss_mib ();
      g_assert_null (bot);
      line = first_line (error->message);
      g_test_message ("60 MiB of %s: refused in %.2f s (%s); peak RSS %ld -> %ld MiB",
                      shapes[s].what, took, line, before, after);
      /* Read whole, such a file took 2.4 GiB and 16 s. */
      if (!UNDER_ASAN)
    g_assert_cmpint (after, <, 512);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* }}} */
/* {{{ Nesting, topics, strings */

static void
test_deep_nesting (void)
{
  static const struct
  {
    const char *open;
    const char *close;
    guint       levels;  /* how deep one open goes */
  } kinds[] = {
    { "[", "]", 1 },
    { "{\"a\": ", "}", 1 },
    { "[{\"a\": ", "}]", 2 },
    { "[\"x\", {\"b\": \"]}\\\\\", \"a\": ", "}]", 2 },
  };
  /* The document's own levels around a node's text: root, topics, topic, nodes, node. */
  const guint document = 5;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint fits = (VA_FORMAT_MAX_DEPTH - document) / kinds[k].levels;
      guint counts[] = { fits, fits + 1, 100000 / kinds[k].levels };

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          /* Inside an ordinary bot, on line 3, as the text of a node. */
          g_autoptr(GString) data = g_string_new (HEAD ",\n\"topics\": [{\"id\": \"t\", \"name\": \"T\",\n"
                                                  "  \"nodes\": [{\"id\": \"n1\", \"type\": \"message\", "
                                                  "\"text\": ");
          g_autoptr(GError) error = NULL;
          g_autoptr(VaBot) bot = NULL;
          guint depth = document + counts[c] * kinds[k].levels;
          gint64 start;

          for (guint i = 0; i < counts[c]; i++)
            g_string_append (data, kinds[k].open);
          g_string_append (data, "0");
          for (guint i = 0; i < counts[c]; i++)
            g_string_append (data, kinds[k].close);
          g_string_append (data, "}]}]}");

          start = g_get_monotonic_time ();
          bot = va_format_load_data (data->str, data->len, &error);
          g_assert_null (bot);
          if (depth <= VA_FORMAT_MAX_DEPTH)
            {
              /* Not refused for its depth: for the text not being text. */
              g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_INVALID);
              g_assert_nonnull (strstr (error->message, "topics[0].nodes[0].text: expected a string"));
            }
          else
            {
              g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_DEEP);
              g_assert_nonnull (strstr (error->message, "line 3, column"));
              g_assert_nonnull (strstr (error->message, "nested too deeply (more than 32 levels)"));
            }
          if (c == 2)
            g_test_message ("%s… nested %u deep (%.1f MiB): “%s” in %.3f s", kinds[k].open, depth,
                            data->len / (double) MiB, error->message, seconds_since (start));
        }
    }

  /* An escaped backslash ends a string: the brackets after it count. */
  {
    g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"a\\\\\"}],"
                                            " \"x\": ");
    g_autoptr(GError) error = NULL;
    g_autoptr(VaBot) bot = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (data, '[');
    bot = va_format_load_data (data->str, data->len, &error);
    g_assert_null (bot);
    g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_DEEP);
  }
}

static void
test_many_topics (void)
{
  /* Under AddressSanitizer (a malloc costs a stack walk there) 100,000 topics take a minute:
   * one over the limit shows the same refusal, and that build is about memory errors. */
  guint counts[] = { VA_FORMAT_MAX_TOPICS, UNDER_ASAN ? VA_FORMAT_MAX_TOPICS + 1 : 100000 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      guint n = counts[c];
      g_autoptr(GString) data = g_string_new (HEAD ", \"topics\": [");
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = NULL;
      g_autofree char *expected = NULL;
      long before;
      gint64 start;

      for (guint i = 0; i < n; i++)
        g_string_append_printf (data, "%s{\"id\": \"t%u\", \"name\": \"Topic %u\"}",
                                i > 0 ? "," : "", i, i);
      g_string_append (data, "]}");
      before = va_test_peak_rss_mib ();
      start = g_get_monotonic_time ();
      bot = va_format_load_data (data->str, data->len, &error);
      g_test_message ("%u topics (%.1f MiB): %s in %.2f s, peak RSS %ld -> %ld MiB", n,
                      data->len / (double) MiB, bot != NULL ? "loaded" : error->message,
                      seconds_since (start), before, va_test_peak_rss_mib ());
      if (n == VA_FORMAT_MAX_TOPICS)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_list_model_get_n_items (va_bot_get_topics (bot)), ==, n);
        }
      else
        {
          g_assert_null (bot);
          g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_INVALID);
          expected = g_strdup_printf ("topics: too many entries (%u, at most 20000)", n);
          g_assert_cmpstr (error->message, ==, expected);
        }
    }
}

/* A bot whose topic name is @name, as JSON text (already escaped). */
static VaBot *
load_with_name (const char  *json_name,
                GError     **error)
{
  g_autofree char *data = g_strdup_printf (HEAD ", \"topics\": [{\"id\": \"t\", \"name\": \"%s\"}]}",
                                           json_name);

  return va_format_load_data (data, -1, error);
}

static void
test_long_strings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(GString) escaped = g_string_new (NULL);
  g_autoptr(GString) accents = g_string_new (NULL);
  g_autofree char *exact = g_strnfill (VA_FORMAT_MAX_STRING, 'a');
  g_autofree char *over = g_strnfill (65 * 1024, 'a');

  /* 64 KiB is allowed, 65 KiB is not. */
  bot = load_with_name (exact, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (va_topic_get_name (va_bot_find_topic (bot, "t", NULL))), ==,
                    VA_FORMAT_MAX_STRING);
  g_clear_object (&bot);
  bot = load_with_name (over, &error);
  g_assert_null (bot);
  g_assert_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "topics[0].name: text too long (66560 bytes, at most 65536)");
  g_clear_error (&error);

  /* The limit is on the text, in bytes, not on how it was written: 32,768 "é" written as
   * \u00e9 (six bytes each in the file) are 64 KiB; one more is too many. */
  for (guint i = 0; i < VA_FORMAT_MAX_STRING / 2; i++)
    g_string_append (escaped, "\\u00e9");
  bot = load_with_name (escaped->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (va_topic_get_name (va_bot_find_topic (bot, "t", NULL))), ==,
                    VA_FORMAT_MAX_STRING);
  g_clear_object (&bot);
  for (guint i = 0; i <= VA_FORMAT_MAX_STRING / 2; i++)
    g_string_append (accents, "é");
  bot = load_with_name (accents->str, &error);
  g_assert_null (bot);
  g_assert_nonnull (strstr (error->message, "text too long (65538 bytes"));
  g_clear_error (&error);

  /* 64 KiB in every field of a node: loads, and the runtime keeps its text within bounds. */
  {
    g_autofree char *nodes = g_strdup_printf (
      "[{\"id\": \"n1\", \"type\": \"set-variable\", \"variable\": \"X\", \"value\": \"%s\", \"next\": \"n2\"},"
      " {\"id\": \"n2\", \"type\": \"message\", \"text\": \"{X}{X}{X}\"}]", exact);
    g_autoptr(VaBot) big = va_test_bot_new_with_nodes (nodes);
    VaTestRun run = { 0 };
    VaEvent *message;

    va_test_run_start (&run, big);
    va_test_run_say (&run, "go now");
    message = va_test_run_find_event (&run, VA_EVENT_BOT_MESSAGE, NULL);
    g_assert_nonnull (message);
    g_assert_cmpuint (strlen (message->text), ==, VA_INTERPOLATE_MAX_BYTES);
    va_test_run_assert_goes_on (&run);
    va_test_run_clear (&run);
  }
}

/* What a bot file says comes back in error messages: never more than a line of it. */
static void
test_long_names_in_errors (void)
{
  g_autofree char *huge = g_strnfill (8 * MiB, 'k');
  g_autofree char *id = g_strnfill (60000, 'i');
  const char *formats[] = {
    /* an unknown field, named by the file */
    HEAD ", \"%s\": 1}",
    /* a layout for a topic that does not exist */
    HEAD ", \"layout\": {\"%s\": {}}}",
    /* an id that is not one */
    HEAD ", \"topics\": [{\"id\": \"%s!\", \"name\": \"T\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(GStrv) parts = g_strsplit (formats[i], "%s", -1);
      g_autofree char *data = g_strjoinv (i < 2 ? huge : id, parts);
      g_autoptr(GError) error = NULL;
      g_autoptr(VaBot) bot = va_format_load_data (data, -1, &error);
      g_autofree char *line = NULL;

      g_assert_null (bot);
      g_assert_nonnull (error);
      line = first_line (error->message);
      g_test_message ("%s… (%zu bytes)", line, strlen (error->message));
      g_assert_cmpuint (strlen (error->message), <, 1024);
    }

  /* A name that is not UTF-8 is not quoted as it is. */
  {
    static const char data[] = HEAD ", \"bad \xff\xfe key\": 1}";
    g_autoptr(GError) error = NULL;
    g_autoptr(VaBot) bot = va_format_load_data (data, sizeof data - 1, &error);

    g_assert_null (bot);
    g_assert_nonnull (error);
    g_test_message ("a field name that is not UTF-8: %s", error->message);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }

  /* Fifty of them (the most listed) still make a short message. */
  {
    g_autoptr(GString) data = g_string_new (HEAD);
    g_autoptr(GError) error = NULL;
    g_autoptr(VaBot) bot = NULL;
    g_autofree char *key = g_strnfill (60000, 'k');

    for (guint i = 0; i < 60; i++)
      g_string_append_printf (data, ", \"%s%u\": 1", key, i);
    g_string_append (data, "}");
    bot = va_format_load_data (data->str, data->len, &error);
    g_assert_null (bot);
    g_test_message ("60 unknown fields of 60,000 characters: a message of %zu bytes",
                    strlen (error->message));
    g_assert_cmpuint (strlen (error->message), <, 64 * 1024);
  }
}

/* }}} */
/* {{{ Loops */

static void
test_redirect_cycle_across_topics (void)
{
  /* a → b → c → a, each saying something on the way. */
  g_autoptr(VaBot) bot = va_test_bot_new_with_topics (
    "[{\"id\": \"a\", \"name\": \"Topic A\", \"trigger_phrases\": [\"go round\"], \"nodes\": ["
    "   {\"id\": \"n1\", \"type\": \"message\", \"text\": \"in a\", \"next\": \"n2\"},"
    "   {\"id\": \"n2\", \"type\": \"redirect\", \"topic\": \"b\", \"next\": \"n3\"},"
    "   {\"id\": \"n3\", \"type\": \"message\", \"text\": \"back in a\"}]},"
    " {\"id\": \"b\", \"name\": \"Topic B\", \"nodes\": ["
    "   {\"id\": \"n1\", \"type\": \"redirect\", \"topic\": \"c\"}]},"
    " {\"id\": \"c\", \"name\": \"Topic C\", \"nodes\": ["
    "   {\"id\": \"n1\", \"type\": \"set-variable\", \"variable\": \"Laps\", \"value\": \"{Laps}x\", \"next\": \"n2\"},"
    "   {\"id\": \"n2\", \"type\": \"redirect\", \"topic\": \"a\"}]}]",
    NULL);
  VaTestRun run = { 0 };
  VaEvent *error;
  gint64 start;

  va_test_run_start (&run, bot);
  start = g_get_monotonic_time ();
  va_test_run_say (&run, "go round");
  error = va_test_run_find_event (&run, VA_EVENT_ERROR, NULL);
  g_assert_nonnull (error);
  g_test_message ("a → b → c → a: %u events in %.3f s; %s", run.events->len, seconds_since (start),
                  error->text);
  g_assert_nonnull (strstr (error->text, "Topics redirect to each other more than 32 deep"));
  /* Told to the user by On error, in words; the conversation ends and starts again. */
  g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, NULL));
  g_assert_cmpuint (run.events->len, <, 1000);
  g_assert_cmpuint (va_test_run_count_events (&run, VA_EVENT_BOT_MESSAGE), <=, 40);
  va_test_run_assert_goes_on (&run);
  va_test_run_clear (&run);
}

static void
test_node_loops (void)
{
  static const struct
  {
    const char *what;
    const char *nodes;
  } loops[] = {
    { "three messages in a ring",
      "[{\"id\": \"n1\", \"type\": \"message\", \"text\": \"one\", \"next\": \"n2\"},"
      " {\"id\": \"n2\", \"type\": \"message\", \"text\": \"two\", \"next\": \"n3\"},"
      " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"three\", \"next\": \"n1\"}]" },
    { "a node that leads to itself",
      "[{\"id\": \"n1\", \"type\": \"set-variable\", \"variable\": \"X\", \"value\": \"{X}.\", \"next\": \"n1\"}]" },
    { "silent conditions",
      "[{\"id\": \"n1\", \"type\": \"condition\", \"else_next\": \"n2\", \"branches\": [{\"next\": \"n2\","
      "   \"clauses\": [{\"variable\": \"X\", \"operator\": \"is-blank\"}]}]},"
      " {\"id\": \"n2\", \"type\": \"condition\", \"else_next\": \"n1\", \"branches\": []}]" },
    { "a redirect that comes back to the start",
      "[{\"id\": \"n1\", \"type\": \"redirect\", \"topic\": \"greeting\", \"next\": \"n1\"}]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      g_autoptr(VaBot) bot = va_test_bot_new_with_nodes (loops[i].nodes);
      VaTestRun run = { 0 };
      VaEvent *error;
      gint64 start;

      va_test_run_start (&run, bot);
      start = g_get_monotonic_time ();
      va_test_run_say (&run, "go now");
      error = va_test_run_find_event (&run, VA_EVENT_ERROR, NULL);
      g_assert_nonnull (error);
      g_test_message ("%s: %u events in %.3f s; %s", loops[i].what, run.events->len,
                      seconds_since (start), error->text);
      g_assert_nonnull (strstr (error->text, "The bot ran 500 steps without waiting for the user"));
      g_assert_nonnull (strstr (error->text, "“Test topic”"));
      g_assert_nonnull (va_test_run_find_event (&run, VA_EVENT_CONVERSATION_ENDED, "error"));
      g_assert_cmpuint (va_test_run_count_events (&run, VA_EVENT_NODE_ENTERED), <=, 500 + 10);
      va_test_run_assert_goes_on (&run);
      va_test_run_clear (&run);
    }
}

/* }}} */
/* {{{ Regular expressions that backtrack */

static void
test_evil_regex (void)
{
  static const char * const patterns[] = {
    "(a+)+$", "(a|a)+$", "(.*a){20}", "(a|aa)+$", "^(a+)+b", "(x+x+)+y", "((a*)*)*b",
    "(\\w+\\s?)+$", "(a*)*$", "(?:a|a?)+$", "(.*){1,32000}[bc]", "^(([a-z])+.)+[A-Z]([a-z])+$",
    "(?=(a+)+$)a", "(a+)+(?<!a)b",
    /* A pattern may try to lift the limits: the lower limit wins. */
    "(*LIMIT_MATCH=4000000000)(a+)+$", "(*LIMIT_HEAP=4000000000)(*LIMIT_DEPTH=4000000000)(.*a){20}",
    "(*NO_JIT)(a+)+$",
  };
  g_autofree char *short_evil = g_strconcat ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "!", NULL);
  g_autofree char *long_evil = g_strnfill (100000, 'a');
  const char *subjects[] = { short_evil, long_evil, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xff" };
  double worst = 0;
  gint64 all = g_get_monotonic_time ();

  for (guint p = 0; p < G_N_ELEMENTS (patterns); p++)
    {
      g_autoptr(VaEntity) entity = va_entity_new ();

      va_entity_set_kind (entity, VA_ENTITY_KIND_REGEX);
      va_entity_set_pattern (entity, patterns[p]);
      for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
        {
          g_autofree char *value = NULL;
          gint64 start = g_get_monotonic_time ();
          gboolean found = va_entity_extract_custom (entity, subjects[s], &value);
          double took = seconds_since (start);

          worst = MAX (worst, took);
          if (took > 0.05)
            g_test_message ("%s on %zu bytes: %s in %.3f s", patterns[p], strlen (subjects[s]),
                            found ? "found" : "no match", took);
          /* The call returned; what it found is a real match or nothing. */
          g_assert_true (!found || value != NULL);
        }
    }
  g_test_message ("%zu evil patterns x %zu subjects: all returned in %.2f s, the slowest %.3f s",
                  G_N_ELEMENTS (patterns), G_N_ELEMENTS (subjects), seconds_since (all), worst);
  g_assert_cmpfloat (worst, <, 2.0);

  /* In a conversation: the evil answer is no answer, the question asks again, a good one fits. */
  {
    g_autoptr(VaBot) bot = va_test_bot_new_with_topics (
      "[{\"id\": \"code\", \"name\": \"Code\", \"trigger_phrases\": [\"enter my code\"], \"nodes\": ["
      "   {\"id\": \"n1\", \"type\": \"question\", \"prompt\": \"Your code?\", \"mode\": \"entity\","
      "    \"entity\": \"evil\", \"variable\": \"Code\", \"reprompt\": \"Only a's, please.\","
      "    \"retries\": 2, \"next\": \"n2\"},"
      "   {\"id\": \"n2\", \"type\": \"message\", \"text\": \"Code {Code} taken.\"}]}]",
      "[{\"id\": \"evil\", \"name\": \"Evil\", \"kind\": \"regex\", \"pattern\": \"^(a+)+$\"}]");
    VaTestRun run = { 0 };
    g_autofree char *said = NULL;
    gint64 start;

    va_test_run_start (&run, bot);
    va_test_run_say (&run, "enter my code");
    start = g_get_monotonic_time ();
    va_test_run_say (&run, short_evil);
    g_clear_pointer (&said, g_free);
    said = va_test_run_bot_said (&run);
    g_test_message ("an evil answer in a conversation: answered in %.3f s", seconds_since (start));
    g_assert_cmpstr (said, ==, "Only a's, please.");
    va_test_run_say (&run, "aaaa");
    g_clear_pointer (&said, g_free);
    said = va_test_run_bot_said (&run);
    g_assert_cmpstr (said, ==, "Code aaaa taken.");

    /* 100,000 characters: the pattern sees the first 2 KiB only, and answers at once. */
    va_test_run_say (&run, "enter my code");
    start = g_get_monotonic_time ();
    va_test_run_say (&run, long_evil);
    g_clear_pointer (&said, g_free);
    said = va_test_run_bot_said (&run);
    g_test_message ("100,000 a's as the answer: answered in %.3f s", seconds_since (start));
    g_assert_true (g_str_has_prefix (said, "Code aaaa"));
    va_test_run_assert_goes_on (&run);
    va_test_run_clear (&run);
  }
}

/* }}} */
/* {{{ Markup in variables */

static const char * const markup_values[] = {
  "<b>bold</b> & <i>x</i> &amp; </script><script>alert(1)</script>",
  "{{Bot.Name}} {Bot.Name} {System.Error} }} {{",
  "%s %n %x %% %1$s",
  "line one\nline two\r\n\\n \\ \"quoted\" 'single'",
  "[link] [handoff] user: bot: {*} ${x} `cmd`",
};

static void
test_markup_in_variables (void)
{
  /* The user's answer lands in V; V goes through a message, a set-variable, the agent message
   * and the handoff. */
  g_autoptr(VaBot) bot = va_test_bot_new_with_topics (
    "[{\"id\": \"m\", \"name\": \"Markup\", \"trigger_phrases\": [\"tell me something\"], \"nodes\": ["
    "   {\"id\": \"n1\", \"type\": \"question\", \"prompt\": \"Say it\", \"mode\": \"entity\","
    "    \"entity\": \"text\", \"variable\": \"V\", \"next\": \"n2\"},"
    "   {\"id\": \"n2\", \"type\": \"set-variable\", \"variable\": \"W\", \"value\": \"[{V}]\", \"next\": \"n3\"},"
    "   {\"id\": \"n3\", \"type\": \"message\", \"text\": \"You said: {W}\", \"next\": \"n4\"},"
    "   {\"id\": \"n4\", \"type\": \"transfer\", \"agent_message\": \"Agent, see: {V}\"}]}]",
    NULL);
  VaTestServer s = { 0 };
  g_autofree char *webhook = NULL;

  va_test_server_start (&s);
  webhook = g_strdup_printf ("%s/hook", s.base);
  va_bot_set_webhook_url (bot, webhook);
  va_bot_set_hub_link (bot, "https://hub.example.com/chat");

  for (guint i = 0; i < G_N_ELEMENTS (markup_values); i++)
    {
      const char *raw = markup_values[i];
      g_autofree char *bracketed = g_strdup_printf ("[%s]", raw);
      g_autofree char *said = NULL;
      g_autofree char *expected_said = g_strdup_printf ("You said: [%s]", raw);
      g_autofree char *agent = g_strdup_printf ("Agent, see: %s", raw);
      g_autofree char *posted = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(VaScriptRecorder) recorder = NULL;
      g_autoptr(VaScript) script = NULL;
      g_autoptr(GString) report = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *script_text = NULL;
      VaTestRun run = { 0 };
      VaEvent *handoff;
      JsonObject *value;
      JsonArray *activities;
      gboolean user_seen = FALSE, bot_seen = FALSE;

      g_ptr_array_set_size (s.requests, 0);
      va_test_run_init (&run, bot);
      recorder = va_script_recorder_new (run.conversation);
      va_conversation_start (run.conversation);
      va_test_run_say (&run, "tell me something");
      va_test_run_say (&run, raw);

      /* Interpolation puts the value in as it is: no second pass over it. */
      g_assert_cmpstr (va_conversation_get_variable (run.conversation, "V"), ==, raw);
      g_assert_cmpstr (va_conversation_get_variable (run.conversation, "W"), ==, bracketed);
      said = va_test_run_bot_said (&run);
      g_assert_cmpstr (said, ==, expected_said);

      /* The handoff, as built and as posted. */
      handoff = va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL);
      g_assert_nonnull (handoff);
      value = json_object_get_object_member (json_node_get_object (handoff->data), "value");
      g_assert_cmpstr (json_object_get_string_member (value, "V"), ==, raw);
      g_assert_cmpstr (json_object_get_string_member (value, "W"), ==, bracketed);
      g_assert_cmpstr (json_object_get_string_member (value, "va_AgentMessage"), ==, agent);
      g_assert_cmpstr (json_object_get_string_member (value, "va_LastPhrase"), ==, raw);
      activities = json_object_get_array_member (
        json_object_get_object_member (
          json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (handoff->data), "attachments"), 0),
          "content"),
        "activities");
      for (guint a = 0; a < json_array_get_length (activities); a++)
        {
          const char *text = json_object_get_string_member (json_array_get_object_element (activities, a),
                                                            "text");

          user_seen |= g_strcmp0 (text, raw) == 0;
          bot_seen |= g_strcmp0 (text, expected_said) == 0;
        }
      g_assert_true (user_seen);
      g_assert_true (bot_seen);

      {
        guint watchdog = va_test_watchdog_add ("the handoff POST");

        while (s.requests->len == 0 ||
               va_test_run_find_event (&run, VA_EVENT_HANDOFF_STATUS, NULL) == NULL)
          g_main_context_iteration (NULL, TRUE);
        g_source_remove (watchdog);
      }
      posted = g_strdup (va_test_server_body (&s, 0));
      g_assert_true (json_parser_load_from_data (parser, posted, -1, &error));
      g_assert_no_error (error);
      value = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "value");
      g_assert_cmpstr (json_object_get_string_member (value, "V"), ==, raw);
      g_assert_cmpstr (json_object_get_string_member (value, "va_AgentMessage"), ==, agent);

      /* The transcript the test chat saves replays the same. */
      script_text = va_script_to_string (va_script_recorder_get (recorder));
      script = va_script_parse (script_text, -1, "recorded", &error);
      g_assert_no_error (error);
      g_clear_pointer (&recorder, va_script_recorder_free);
      if (!va_script_run (script, bot, NULL, report))
        g_error ("the recorded transcript of “%s” did not replay:\n%s\n%s", raw, script_text, report->str);
      va_test_run_clear (&run);
    }

  /* A value from a server's answer, too. */
  {
    g_autoptr(VaBot) action = va_test_bot_new_with_nodes (
      "[{\"id\": \"n1\", \"type\": \"action\", \"method\": \"get\", \"url\": \"https://api.example.com/v\","
      "  \"next\": \"n2\", \"mappings\": [{\"path\": \"$.v\", \"variable\": \"V\"}]},"
      " {\"id\": \"n2\", \"type\": \"message\", \"text\": \"Got {V}.\"}]");
    VaTestRun run = { 0 };
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *body = NULL;
    g_autofree char *said = NULL;
    g_autofree char *expected = g_strdup_printf ("Got %s.", markup_values[0]);

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "v");
    json_builder_add_string_value (builder, markup_values[0]);
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    body = va_json_value_to_json (root);
    va_test_run_start (&run, action);
    va_conversation_add_http_mock (run.conversation, "GET", "https://api.example.com/v", 200, body);
    va_test_run_say (&run, "go now");
    said = va_test_run_bot_said (&run);
    g_assert_cmpstr (said, ==, expected);
    va_test_run_clear (&run);
  }
  va_test_server_stop (&s);
}

/* }}} */
/* {{{ Odd links and odd addresses */

static const char * const odd_links[] = {
  "file:///etc/passwd",
  "javascript:alert(document.cookie)",
  "JAVASCRIPT:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "smb://attacker.example/share",
  "https://bank.example.com@evil.example/chat",
  "https://user:password@hub.example.com/chat",
  "http://admin@127.0.0.1/",
  "vbscript:msgbox(1)",
  "ms-settings:privacy",
  "//evil.example/chat",
  "\\\\evil.example\\share",
};

static void
test_odd_links (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (odd_links); i++)
    {
      g_autoptr(VaBot) bot = va_template_new_bot ();
      VaTopic *escalate = va_bot_find_system_topic (bot, VA_SYSTEM_TOPIC_ESCALATE);
      VaNode *message = va_topic_find_node (escalate, "n1", NULL);
      g_autofree char *text = g_strdup_printf ("Continue the conversation here: %s", odd_links[i]);
      g_autoptr(GError) error = NULL;
      VaTestRun run = { 0 };
      VaEvent *handoff;

      /* As the bot's engagement hub link: handed out, and refused by the link check that guards
       * every opening. */
      va_bot_set_hub_link (bot, odd_links[i]);
      va_test_run_start (&run, bot);
      va_test_run_say (&run, "talk to a person");
      handoff = va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL);
      g_assert_nonnull (handoff);
      g_assert_false (handoff->text != NULL && va_http_check_url (handoff->text, &error));
      if (error != NULL)
        g_test_message ("hub link %s: %s", odd_links[i], error->message);
      g_clear_error (&error);
      va_test_run_clear (&run);

      /* In the Escalate topic's message, with no hub link set: never taken for the link. */
      va_bot_set_hub_link (bot, NULL);
      g_assert_nonnull (message);
      g_object_set (message, "text", text, NULL);
      va_test_run_start (&run, bot);
      va_test_run_say (&run, "talk to a person");
      handoff = va_test_run_find_event (&run, VA_EVENT_HANDOFF, NULL);
      g_assert_nonnull (handoff);
      g_assert_false (handoff->text != NULL && va_http_check_url (handoff->text, NULL));
      va_test_run_clear (&run);
    }

  /* The engagement hub's reply naming an odd chat address: dropped. */
  {
    VaTestServer s = { 0 };
    g_autoptr(VaBot) bot = va_template_new_bot ();
    g_autofree char *webhook = NULL;

    va_test_server_start (&s);
    webhook = g_strdup_printf ("%s/hook", s.base);
    va_bot_set_webhook_url (bot, webhook);
    for (guint i = 0; i < G_N_ELEMENTS (odd_links); i++)
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;
        VaTestRun run = { 0 };
        VaEvent *status;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "chatUrl");
        json_builder_add_string_value (builder, odd_links[i]);
        json_builder_set_member_name (builder, "value");
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "state");
        json_builder_add_string_value (builder, "accepted");
        json_builder_set_member_name (builder, "url");
        json_builder_add_string_value (builder, odd_links[i]);
        json_builder_end_object (builder);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        g_free (s.answer);
        s.answer = va_json_value_to_json (root);

        va_test_run_start (&run, bot);
        va_test_run_say (&run, "talk to a person");
        status = va_test_run_wait_for_event (&run, VA_EVENT_HANDOFF_STATUS, NULL,
                                             "the hub's reply");
        g_assert_cmpstr (status->name, ==, "accepted");
        g_assert_null (status->data);
        va_test_run_clear (&run);
      }
    va_test_server_stop (&s);
  }
}

static void
test_odd_request_addresses (void)
{
  VaTestServer s = { 0 };
  g_autofree char *port = NULL;
  const char *templates[] = {
    "file:///etc/passwd", "file://127.0.0.1/etc/passwd", "ftp://127.0.0.1:%d/", "gopher://127.0.0.1:%d/_GET",
    "unix:/var/run/docker.sock", "unix:///run/user/1000/bus", "dict://127.0.0.1:%d/", "ldap://127.0.0.1:%d/",
    "http://user:password@127.0.0.1:%d/x", "HTTP://admin@127.0.0.1:%d/x", "http://127.0.0.1:%d@127.0.0.1:%d/x",
    "http:/127.0.0.1:%d/x", "http:\\\\127.0.0.1:%d\\x", "http://127.0.0.1:%d/x\r\nX-Injected: 1",
    "ws://127.0.0.1:%d/", "jar:http://127.0.0.1:%d/a!/b",
  };

  g_autofree char *long_one = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  va_test_server_start (&s);
  port = g_strdup_printf ("%d", s.port);
  {
    g_autofree char *path = g_strnfill (60000, 'x');

    /* The user may type an address of 60,000 characters. */
    long_one = g_strconcat ("gopher://127.0.0.1:%d/", path, NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    g_ptr_array_add (all, (gpointer) templates[i]);
  g_ptr_array_add (all, long_one);
  for (guint i = 0; i < all->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (all, i), "%d", -1);
      g_autofree char *url = g_strjoinv (port, parts);
      g_autoptr(VaBot) bot = NULL;
      VaTestRun run = { 0 };
      VaEvent *failed;
      g_autofree char *said = NULL;

      /* The whole address comes from the user: a question saves it, the action calls "{Url}". */
      bot = va_test_bot_new_with_nodes (
        "[{\"id\": \"n1\", \"type\": \"question\", \"prompt\": \"Where?\", \"mode\": \"entity\","
        "  \"entity\": \"text\", \"variable\": \"Url\", \"next\": \"n2\"},"
        " {\"id\": \"n2\", \"type\": \"action\", \"method\": \"get\", \"url\": \"{Url}\", \"timeout\": 1,"
        "  \"next\": \"n3\", \"failure_next\": \"n4\"},"
        " {\"id\": \"n3\", \"type\": \"message\", \"text\": \"called\"},"
        " {\"id\": \"n4\", \"type\": \"message\", \"text\": \"not called: {System.Error}\"}]");
      va_test_run_start (&run, bot);
      va_test_run_say (&run, "go now");
      g_ptr_array_set_size (run.events, 0);
      va_conversation_send (run.conversation, url);
      /* Refused at once, before any network: never busy, no request started. */
      g_assert_false (va_conversation_get_busy (run.conversation));
      failed = va_test_run_find_event (&run, VA_EVENT_ACTION, "failed");
      g_assert_nonnull (failed);
      g_test_message ("%s", failed->text);
      /* One short line, whatever the address held. */
      g_assert_null (strpbrk (failed->text, "\r\n"));
      g_assert_cmpuint (strlen (failed->text), <, 512);
      g_assert_null (va_test_run_find_event (&run, VA_EVENT_ACTION, "started"));
      g_assert_true (strstr (failed->text, "only http and https addresses are allowed") != NULL ||
                     strstr (failed->text, "user name before the server name") != NULL ||
                     strstr (failed->text, "is not a web address") != NULL ||
                     strstr (failed->text, "is not a valid web address") != NULL);
      said = va_test_run_bot_said (&run);
      g_assert_true (g_str_has_prefix (said, "not called: GET "));
      va_test_run_assert_goes_on (&run);
      va_test_run_clear (&run);
    }
  g_assert_cmpuint (s.requests->len, ==, 0);

  /* The handoff webhook too: said in words, nothing posted. */
  for (guint i = 0; i < 3; i++)
    {
      const char *webhooks[] = { "file:///tmp/handoff", "smb://hub.example/x", "https://u:p@hub.example/h" };
      g_autoptr(VaBot) bot = va_template_new_bot ();
      VaTestRun run = { 0 };
      VaEvent *error;

      va_bot_set_webhook_url (bot, webhooks[i]);
      va_test_run_start (&run, bot);
      va_test_run_say (&run, "talk to a person");
      error = va_test_run_wait_for_event (&run, VA_EVENT_ERROR, "handoff", "the handoff error");
      g_test_message ("webhook %s: %s", webhooks[i], error->text);
      g_assert_true (g_str_has_prefix (error->text, "The handoff could not be sent to the engagement hub: "));
      va_test_run_assert_goes_on (&run);
      va_test_run_clear (&run);
    }
  va_test_server_stop (&s);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The big files first, in a fresh process: the peak resident size they reach is theirs. */
  g_test_add_func ("/hostile/huge-file-tiny-values", test_file_tiny_values);
  g_test_add_func ("/hostile/huge-file-valid", test_file_huge_valid);
  g_test_add_func ("/hostile/huge-file-over-limit", test_file_over_limit);
  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/many-topics", test_many_topics);
  g_test_add_func ("/hostile/long-strings", test_long_strings);
  g_test_add_func ("/hostile/long-names-in-errors", test_long_names_in_errors);
  g_test_add_func ("/hostile/redirect-cycle", test_redirect_cycle_across_topics);
  g_test_add_func ("/hostile/node-loops", test_node_loops);
  g_test_add_func ("/hostile/evil-regex", test_evil_regex);
  g_test_add_func ("/hostile/markup-in-variables", test_markup_in_variables);
  g_test_add_func ("/hostile/odd-links", test_odd_links);
  g_test_add_func ("/hostile/odd-request-addresses", test_odd_request_addresses);

  return g_test_run ();
}
