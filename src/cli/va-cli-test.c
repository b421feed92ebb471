/* va-cli-test.c — test [BOT] SET: how well a bot triggers its topics on a labelled set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "va-bot-recognizer.h"
#include "va-cli.h"
#include "va-evaluation.h"
#include "va-topic.h"

/* Test sets are read whole; a data set of a million lines is a few tens of MiB. */
#define MAX_SET_SIZE (512 * 1024 * 1024)

typedef struct
{
  VaBot      *bot;
  GHashTable *by_id;   /* topic id → VaTopic, borrowed from the bot */
  GHashTable *by_name; /* case-folded name → VaTopic */
} Labels;

typedef struct
{
  char  *label;
  guint  count;
} Unknown;

static void
unknown_free (Unknown *unknown)
{
  g_free (unknown->label);
  g_free (unknown);
}

static void
labels_init (Labels *labels,
             VaBot  *bot)
{
  GListModel *topics = va_bot_get_topics (bot);

  labels->bot = bot;
  labels->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  labels->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      g_hash_table_insert (labels->by_id, (gpointer) va_topic_get_id (topic), topic);
      if (va_topic_get_name (topic) != NULL)
        {
          char *key = g_utf8_casefold (va_topic_get_name (topic), -1);

          /* the first topic of a name wins, as the list shows it first */
          if (g_hash_table_contains (labels->by_name, key))
            g_free (key);
          else
            g_hash_table_insert (labels->by_name, key, topic);
        }
    }
}

static void
labels_clear (Labels *labels)
{
  g_clear_pointer (&labels->by_id, g_hash_table_unref);
  g_clear_pointer (&labels->by_name, g_hash_table_unref);
}

/* A label names a topic by id, else by name in any case; "oos" and the like mean out of scope. */
static VaTopic *
labels_lookup (Labels     *labels,
               const char *label)
{
  g_autofree char *key = NULL;
  VaTopic *topic;

  if (va_label_is_out_of_scope (label))
    return NULL;
  topic = g_hash_table_lookup (labels->by_id, label);
  if (topic != NULL)
    return topic;
  key = g_utf8_casefold (label, -1);
  return g_hash_table_lookup (labels->by_name, key);
}

static const char *
topic_name (VaBot      *bot,
            const char *topic_id)
{
  VaTopic *topic;

  if (topic_id == NULL)
    return NULL;
  topic = va_bot_find_topic (bot, topic_id, NULL);
  return topic != NULL && va_topic_get_name (topic) != NULL ? va_topic_get_name (topic) : topic_id;
}

/* Reads PATH's rows; prints "PATH: why" and returns FALSE when it cannot. */
static gboolean
read_rows (const char  *path,
           GPtrArray  **texts,
           GPtrArray  **labels)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  contents = va_cli_read_file (path, MAX_SET_SIZE, &length, &error);
  if (contents == NULL || !va_labelled_rows_parse (contents, length, texts, labels, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  if ((*texts)->len == 0)
    {
      g_printerr (_("%s: no examples (expected lines of text and label)\n"), path);
      g_clear_pointer (texts, g_ptr_array_unref);
      g_clear_pointer (labels, g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}

/* Reads a labelled set for @bot; unknown labels count as out of scope, with a warning. */
static VaLabelledSet *
load_set (const char *path,
          Labels     *labels,
          GPtrArray  *unknown)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) unknown_by_label = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(VaLabelledSet) set = NULL;
  guint first_unknown = unknown->len;

  if (!read_rows (path, &texts, &names))
    return NULL;

  set = va_labelled_set_new ();
  for (guint i = 0; i < texts->len; i++)
    {
      const char *label = g_ptr_array_index (names, i);
      VaTopic *topic = labels_lookup (labels, label);

      if (topic == NULL && !va_label_is_out_of_scope (label))
        {
          Unknown *u = g_hash_table_lookup (unknown_by_label, label);

          if (u == NULL)
            {
              u = g_new0 (Unknown, 1);
              u->label = g_strdup (label);
              g_ptr_array_add (unknown, u);
              g_hash_table_insert (unknown_by_label, u->label, u);
            }
          u->count++;
        }
      va_labelled_set_add (set, g_ptr_array_index (texts, i), topic != NULL ? va_topic_get_id (topic) : NULL);
    }

  for (guint i = first_unknown; i < unknown->len; i++)
    {
      Unknown *u = g_ptr_array_index (unknown, i);

      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: warning: no topic \"%s\" (%u example), counted as out of scope\n",
                               "%s: warning: no topic \"%s\" (%u examples), counted as out of scope\n",
                               u->count),
                  path, u->label, u->count);
    }
  return g_steal_pointer (&set);
}

static gboolean
is_valid_id (const char *id)
{
  if (id[0] == '\0' || strlen (id) > 128)
    return FALSE;
  for (const char *s = id; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_' && *s != '.')
      return FALSE;
  return TRUE;
}

/* A bot of one topic per label of PATH, its examples as trigger phrases, in file order: the
 * benchmark's protocol. No system topics, so that only the labels compete. */
static VaBot *
train_bot (const char *path)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) phrases_by_label = NULL;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(VaBot) bot = NULL;
  g_autofree char *basename = NULL;
  GListStore *topics;

  if (!read_rows (path, &texts, &names))
    return NULL;

  phrases_by_label = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *label = g_ptr_array_index (names, i);
      GPtrArray *phrases;

      if (va_label_is_out_of_scope (label))
        continue;
      phrases = g_hash_table_lookup (phrases_by_label, label);
      if (phrases == NULL)
        {
          phrases = g_ptr_array_new ();
          g_hash_table_insert (phrases_by_label, (gpointer) label, phrases);
          g_ptr_array_add (order, (gpointer) label);
        }
      g_ptr_array_add (phrases, g_ptr_array_index (texts, i));
    }
  if (order->len == 0)
    {
      g_printerr (_("%s: no labelled examples to build topics from\n"), path);
      return NULL;
    }

  bot = va_bot_new ();
  basename = g_path_get_basename (path);
  va_bot_set_name (bot, basename);
  topics = G_LIST_STORE (va_bot_get_topics (bot));
  for (guint i = 0; i < order->len; i++)
    {
      const char *label = g_ptr_array_index (order, i);
      GPtrArray *phrases = g_hash_table_lookup (phrases_by_label, label);
      g_autoptr(VaTopic) topic = va_topic_new ();
      g_autofree char *id = NULL;

      /* The label itself, when it is a free and valid id, keeps the figures readable. */
      if (is_valid_id (label) && va_bot_find_topic (bot, label, NULL) == NULL)
        id = g_strdup (label);
      else
        id = va_bot_make_topic_id (bot, label);

      g_ptr_array_add (phrases, NULL);
      va_topic_set_id (topic, id);
      va_topic_set_name (topic, label);
      va_topic_set_trigger_phrases (topic, (const char * const *) phrases->pdata);
      g_list_store_append (topics, topic);
    }
  return g_steal_pointer (&bot);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

/* printf's widths count bytes; names and translations are UTF-8. */
static void
print_padded (const char *text,
              guint       width,
              gboolean    right)
{
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *pad = g_strnfill (length < width ? width - length : 0, ' ');

  if (right)
    g_print ("%s%s", pad, text);
  else
    g_print ("%s%s", text, pad);
}

static char *
format_percent (double value)
{
  /* Translators: a percentage, as in "75.0 %" */
  return g_strdup_printf (_("%.1f %%"), value);
}

typedef struct
{
  const char *label;
  char       *value;
} Line;

static void
print_lines (Line  *lines,
             guint  n)
{
  guint width = 0;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (guint) g_utf8_strlen (lines[i].label, -1));
  for (guint i = 0; i < n; i++)
    {
      print_padded (lines[i].label, width + 2, FALSE);
      g_print ("%s\n", lines[i].value);
      g_free (lines[i].value);
    }
}

static void
print_human (VaEvaluation *e,
             VaBot        *bot,
             const char   *set_path,
             const char   *threshold_source,
             const char   *margin_source,
             guint         top)
{
  Line lines[8];
  guint n = 0;
  g_autofree char *accuracy = format_percent (e->in_scope_accuracy);

  g_print (_("Bot: %s, %u topics\n"), va_bot_get_name (bot),
           g_list_model_get_n_items (va_bot_get_topics (bot)));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Test set: %s, %u example (%u in scope, %u out of scope)\n",
                        "Test set: %s, %u examples (%u in scope, %u out of scope)\n", e->n_examples),
           set_path, e->n_examples, e->n_in_scope, e->n_out_of_scope);
  g_print (_("Threshold: %.4f (%s); margin: %.4f (%s)\n\n"), e->threshold, threshold_source,
           e->margin, margin_source);

  lines[n].label = _("In-scope accuracy:");
  lines[n++].value = g_strdup_printf (_("%s (%u of %u)"), accuracy, e->n_in_scope_correct, e->n_in_scope);
  if (e->n_out_of_scope > 0)
    {
      lines[n].label = _("Out-of-scope precision:");
      lines[n++].value = format_percent (e->oos_precision);
      lines[n].label = _("Out-of-scope recall:");
      lines[n++].value = format_percent (e->oos_recall);
      lines[n].label = _("Out-of-scope F1:");
      lines[n++].value = format_percent (e->oos_f1);
    }
  else
    {
      lines[n].label = _("Out of scope:");
      lines[n++].value = g_strdup (_("no out-of-scope examples"));
    }
  {
    g_autofree char *unrecognized = format_percent (e->unrecognized_rate);
    g_autofree char *multiple = format_percent (e->multiple_rate);

    lines[n].label = _("Unrecognized:");
    lines[n++].value = g_strdup_printf (_("%s of in-scope messages went to Fallback"), unrecognized);
    lines[n].label = _("Multiple topics matched:");
    lines[n++].value = g_strdup_printf (_("%s of messages"), multiple);
  }
  lines[n].label = _("Time per message:");
  lines[n++].value = g_strdup_printf (_("median %.0f µs, 95th percentile %.0f µs"), e->median_us, e->p95_us);
  print_lines (lines, n);

  if (e->topics->len > 0)
    {
      guint width = g_utf8_strlen (_("Topic"), -1);

      for (guint i = 0; i < e->topics->len; i++)
        {
          VaTopicFigures *t = g_ptr_array_index (e->topics, i);

          width = MAX (width, (guint) g_utf8_strlen (topic_name (bot, t->topic_id), -1));
        }
      width = MIN (width, 40);

      g_print ("\n");
      print_padded (_("Topic"), width, FALSE);
      g_print ("  ");
      print_padded (_("Recall"), 9, TRUE);
      print_padded (_("Precision"), 11, TRUE);
      print_padded (_("Support"), 9, TRUE);
      g_print ("\n");
      for (guint i = 0; i < e->topics->len; i++)
        {
          VaTopicFigures *t = g_ptr_array_index (e->topics, i);
          g_autofree char *recall = t->support > 0 ? format_percent (t->recall) : g_strdup ("—");
          g_autofree char *precision = t->predicted > 0 ? format_percent (t->precision) : g_strdup ("—");
          g_autofree char *support = g_strdup_printf ("%u", t->support);

          print_padded (topic_name (bot, t->topic_id), width, FALSE);
          g_print ("  ");
          print_padded (recall, 9, TRUE);
          print_padded (precision, 11, TRUE);
          print_padded (support, 9, TRUE);
          g_print ("\n");
        }
    }

  if (e->confusions->len > 0 && top > 0)
    {
      g_print ("\n%s\n", _("Most frequent confusions (expected → got):"));
      for (guint i = 0; i < e->confusions->len && i < top; i++)
        {
          VaConfusion *c = g_ptr_array_index (e->confusions, i);

          g_print ("%6u  %s → %s\n", c->count,
                   c->expected != NULL ? topic_name (bot, c->expected) : _("(out of scope)"),
                   c->got != NULL ? topic_name (bot, c->got) : _("Fallback"));
        }
    }
}

static void
add_percent_or_null (JsonBuilder *b,
                     const char  *key,
                     gboolean     defined,
                     double       value)
{
  json_builder_set_member_name (b, key);
  if (defined)
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_double (JsonBuilder *b,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
print_json (VaEvaluation *e,
            VaBot        *bot,
            const char   *set_path,
            const char   *valid_path,
            const char   *threshold_source,
            GPtrArray    *unknown,
            guint         top)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gboolean oos = e->n_out_of_scope > 0;

  json_builder_begin_object (b);
  add_string_or_null (b, "bot", va_bot_get_name (bot));
  add_string_or_null (b, "test_set", set_path);
  add_string_or_null (b, "validation_set", valid_path);
  add_int (b, "examples", e->n_examples);
  add_int (b, "in_scope", e->n_in_scope);
  add_int (b, "out_of_scope", e->n_out_of_scope);
  add_double (b, "threshold", e->threshold);
  add_string_or_null (b, "threshold_source", threshold_source);
  add_double (b, "margin", e->margin);
  add_int (b, "in_scope_correct", e->n_in_scope_correct);
  add_double (b, "in_scope_accuracy", e->in_scope_accuracy);
  add_double (b, "overall_accuracy", e->overall_accuracy);
  add_percent_or_null (b, "oos_precision", oos, e->oos_precision);
  add_percent_or_null (b, "oos_recall", oos, e->oos_recall);
  add_percent_or_null (b, "oos_f1", oos, e->oos_f1);
  add_int (b, "unrecognized", e->n_unrecognized);
  add_double (b, "unrecognized_rate", e->unrecognized_rate);
  add_int (b, "multiple", e->n_multiple);
  add_double (b, "multiple_rate", e->multiple_rate);
  add_double (b, "median_us", e->median_us);
  add_double (b, "p95_us", e->p95_us);

  json_builder_set_member_name (b, "topics");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->topics->len; i++)
    {
      VaTopicFigures *t = g_ptr_array_index (e->topics, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "id", t->topic_id);
      add_string_or_null (b, "name", topic_name (bot, t->topic_id));
      add_int (b, "support", t->support);
      add_int (b, "predicted", t->predicted);
      add_int (b, "correct", t->correct);
      add_percent_or_null (b, "precision", t->predicted > 0, t->precision);
      add_percent_or_null (b, "recall", t->support > 0, t->recall);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "confusions");
  json_builder_begin_array (b);
  for (guint i = 0; i < e->confusions->len && i < top; i++)
    {
      VaConfusion *c = g_ptr_array_index (e->confusions, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "expected", c->expected);
      add_string_or_null (b, "got", c->got);
      add_int (b, "count", c->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "unknown_labels");
  json_builder_begin_array (b);
  for (guint i = 0; i < unknown->len; i++)
    {
      Unknown *u = g_ptr_array_index (unknown, i);

      json_builder_begin_object (b);
      add_string_or_null (b, "label", u->label);
      add_int (b, "count", u->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* ------------------------------------------------------------------ */

/* "0.14" → 0.14; %FALSE, with a message, unless a number from 0 to 1. */
static gboolean
parse_score (const char *option,
             const char *text,
             double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(*value >= 0 && *value <= 1))
    {
      g_printerr (_("%s: expected a number from 0 to 1, not \"%s\"\n"), option, text);
      return FALSE;
    }
  return TRUE;
}

static void
usage_error (const char *message)
{
  g_printerr ("%s\n", message);
  g_printerr (_("Usage: virtual-agent-cli test [OPTION…] [BOT] SET\n"
                "       virtual-agent-cli test [OPTION…] --train TRAIN SET\n"
                "Try \"virtual-agent-cli test --help\".\n"));
}

int
va_cli_cmd_test (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(VaRecognizer) recognizer = NULL;
  g_autoptr(VaLabelledSet) set = NULL;
  g_autoptr(VaEvaluation) evaluation = NULL;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func ((GDestroyNotify) unknown_free);
  g_auto(GStrv) args = g_new0 (char *, argc + 2);
  g_autofree char *train = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *threshold_text = NULL;
  g_autofree char *margin_text = NULL;
  g_autofree char *threshold_source = NULL;
  g_autofree char *margin_source = NULL;
  const char *source_key = NULL;
  Labels labels = { 0 };
  double threshold = 0, margin = 0;
  gboolean json = FALSE;
  int top = 10;
  const char *bot_path = NULL, *set_path;
  guint n_args;
  GOptionEntry entries[] = {
    { "train", 0, 0, G_OPTION_ARG_FILENAME, &train,
      N_("Build the bot from this labelled file instead of BOT: one topic per label"), N_("TRAIN") },
    { "choose-threshold", 0, 0, G_OPTION_ARG_FILENAME, &valid,
      N_("Choose the threshold and margin on this validation set (never on the test set)"), N_("VALID") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold_text,
      N_("Fallback threshold, 0 to 1 (default: the bot's)"), N_("X") },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin_text,
      N_("\"Did you mean\" margin, 0 to 1 (default: the bot's)"), N_("X") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("How many confusions to list (default 10)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object with every figure"), NULL },
    { NULL }
  };

  args[0] = g_strdup ("virtual-agent-cli test");
  for (int i = 0; i < argc; i++)
    args[i + 1] = g_strdup (argv[i]);

  context = g_option_context_new (_("[BOT] SET"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Measures how well BOT (a .vabot file; without it, the built-in sample "
                                  "bot) starts the right topic for each message of SET.\n"
                                  "\n"
                                  "SET is a CSV file (text,label) or a tab-separated one (text<TAB>label). "
                                  "A label is a topic's id or name; \"oos\", \"none\", \"fallback\" or "
                                  "nothing mean out of scope: no topic should start.\n"
                                  "\n"
                                  "With --train, the bot is built from TRAIN instead, a file of the same "
                                  "kind: one topic per label, its texts as trigger phrases.\n"
                                  "\n"
                                  "Prints the in-scope accuracy, the out-of-scope precision, recall and "
                                  "F1, the unrecognized and \"Did you mean\" rates, the time per message, "
                                  "precision and recall per topic, and the most frequent confusions."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when the test ran, 1 when a file cannot be read, "
                                      "2 on wrong usage.\n"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      usage_error (error->message);
      return VA_CLI_USAGE;
    }

  n_args = g_strv_length (args) - 1;
  if (train != NULL && n_args != 1)
    {
      usage_error (_("With --train, give only the test set."));
      return VA_CLI_USAGE;
    }
  if (n_args < 1 || n_args > 2)
    {
      usage_error (n_args < 1 ? _("Missing the test set.") : _("Too many arguments."));
      return VA_CLI_USAGE;
    }
  if (valid != NULL && threshold_text != NULL)
    {
      usage_error (_("--choose-threshold and --threshold cannot go together."));
      return VA_CLI_USAGE;
    }
  if ((threshold_text != NULL && !parse_score ("--threshold", threshold_text, &threshold)) ||
      (margin_text != NULL && !parse_score ("--margin", margin_text, &margin)))
    return VA_CLI_USAGE;
  if (top < 0)
    {
      usage_error (_("--top must be 0 or more."));
      return VA_CLI_USAGE;
    }
  if (n_args == 2)
    bot_path = args[1];
  set_path = args[n_args];

  if (train != NULL)
    bot = train_bot (train);
  else
    {
      bot = va_cli_open_bot (bot_path, &error);
      if (bot == NULL)
        g_printerr ("%s\n", error->message);
    }
  if (bot == NULL)
    return VA_CLI_FAILED;

  labels_init (&labels, bot);
  set = load_set (set_path, &labels, unknown);
  if (set == NULL)
    {
      labels_clear (&labels);
      return VA_CLI_FAILED;
    }
  recognizer = va_bot_recognizer_new (bot);

  if (valid != NULL)
    {
      g_autoptr(GPtrArray) valid_unknown = g_ptr_array_new_with_free_func ((GDestroyNotify) unknown_free);
      g_autoptr(VaLabelledSet) valid_set = load_set (valid, &labels, valid_unknown);
      g_autofree char *basename = g_path_get_basename (valid);

      if (valid_set == NULL)
        {
          labels_clear (&labels);
          return VA_CLI_FAILED;
        }
      threshold = va_evaluation_choose_threshold (recognizer, valid_set);
      /* Translators: where the threshold comes from, e.g. "chosen on valid.tsv" */
      threshold_source = g_strdup_printf (_("chosen on %s"), basename);
      source_key = "validation";
      if (margin_text == NULL)
        {
          margin = va_evaluation_choose_margin (recognizer, valid_set, VA_EVALUATION_ASK_RATE);
          margin_source = g_strdup (threshold_source);
        }
    }
  labels_clear (&labels);

  if (threshold_source == NULL && threshold_text == NULL)
    {
      threshold = va_bot_get_threshold_score (bot);
      threshold_source = g_strdup (_("the bot's"));
      source_key = "bot";
    }
  else if (threshold_source == NULL)
    {
      threshold_source = g_strdup (_("given"));
      source_key = "option";
    }
  if (margin_source == NULL && margin_text == NULL)
    {
      margin = va_bot_get_margin_score (bot);
      margin_source = g_strdup (_("the bot's"));
    }
  else if (margin_source == NULL)
    margin_source = g_strdup (_("given"));

  evaluation = va_evaluation_run (recognizer, set, threshold, margin);
  if (json)
    print_json (evaluation, bot, set_path, valid, source_key, unknown, (guint) top);
  else
    print_human (evaluation, bot, set_path, threshold_source, margin_source, (guint) top);
  return VA_CLI_OK;
}
