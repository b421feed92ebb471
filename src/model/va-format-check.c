/* va-format-check.c
 *
 * The checks of the .vabot reader that look across the document (edges,
 * references, system topics) and at the raw text before parsing (nesting
 * depth, syntax error wording).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-format-private.h"
#include "va-choice.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-entity.h"
#include "va-node.h"
#include "va-question-node.h"
#include "va-topic.h"

void
va_format_check_target (VaFormatReader     *reader,
                        const VaFormatPath *path,
                        GHashTable         *node_ids,
                        const char         *target)
{
  if (target != NULL && !g_hash_table_contains (node_ids, target))
    va_format_reader_problem (reader, path, _("no node \"%s\" in this topic"), target);
}

/* Checks that every edge of every node leads to a node of the topic. */
void
va_format_check_edges (VaFormatReader     *reader,
                       const VaFormatPath *topic_path,
                       VaTopic            *topic,
                       GHashTable         *node_ids)
{
  const VaFormatPath *nodes_path = VA_FORMAT_PATH_KEY (topic_path, "nodes");
  GListModel *nodes = va_topic_get_nodes (topic);
  guint n = g_list_model_get_n_items (nodes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaNode) node = g_list_model_get_item (nodes, i);
      g_autoptr(GPtrArray) ports = va_node_list_ports (node);
      const VaFormatPath *node_path = VA_FORMAT_PATH_INDEX (nodes_path, i);

      for (guint p = 0; p < ports->len; p++)
        {
          VaPort *port = g_ptr_array_index (ports, p);
          const char *target = va_port_get_target (port);
          g_autofree char *key = NULL;

          /* the place of a problem is spelled out only for a problem */
          if (target == NULL || g_hash_table_contains (node_ids, target))
            continue;

          key = va_format_property_to_key (port->property);
          if (VA_IS_CHOICE (port->owner) || VA_IS_CONDITION_BRANCH (port->owner))
            {
              GListModel *list = VA_IS_CHOICE (port->owner)
                ? va_question_node_get_options (VA_QUESTION_NODE (node))
                : va_condition_node_get_branches (VA_CONDITION_NODE (node));
              const VaFormatPath *list_path =
                VA_FORMAT_PATH_KEY (node_path, VA_IS_CHOICE (port->owner) ? "options" : "branches");
              guint index = 0;

              g_list_store_find (G_LIST_STORE (list), port->owner, &index);
              va_format_check_target (reader, VA_FORMAT_PATH_KEY (VA_FORMAT_PATH_INDEX (list_path, index), key),
                                      node_ids, target);
            }
          else
            {
              va_format_check_target (reader, VA_FORMAT_PATH_KEY (node_path, key), node_ids, target);
            }
        }

      /* Options keep their edges while the question asks for an entity; a
       * later switch back to choices must not bring a dangling edge.
       */
      if (VA_IS_QUESTION_NODE (node) &&
          va_question_node_get_mode (VA_QUESTION_NODE (node)) != VA_QUESTION_MODE_CHOICES)
        {
          GListModel *options = va_question_node_get_options (VA_QUESTION_NODE (node));
          const VaFormatPath *options_path = VA_FORMAT_PATH_KEY (node_path, "options");

          for (guint o = 0; o < g_list_model_get_n_items (options); o++)
            {
              g_autoptr(VaChoice) choice = g_list_model_get_item (options, o);

              va_format_check_target (reader,
                                      VA_FORMAT_PATH_KEY (VA_FORMAT_PATH_INDEX (options_path, o), "next"),
                                      node_ids, va_choice_get_next (choice));
            }
        }
    }
}

void
va_format_check_references (VaFormatReader *reader,
                            VaBot          *bot)
{
  const VaFormatPath *entities_path = VA_FORMAT_PATH_KEY (NULL, "entities");
  const VaFormatPath *topics_path = VA_FORMAT_PATH_KEY (NULL, "topics");
  GListModel *topics = va_bot_get_topics (bot);
  GListModel *entities = va_bot_get_entities (bot);
  g_autoptr(GHashTable) entity_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean seen_system[VA_N_SYSTEM_TOPICS] = { FALSE, };

  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VaEntity) entity = g_list_model_get_item (entities, i);
      const char *id = va_entity_get_id (entity);
      const VaFormatPath *entity_path = VA_FORMAT_PATH_INDEX (entities_path, i);
      const VaFormatPath *path = VA_FORMAT_PATH_KEY (entity_path, "id");

      if (id == NULL || !va_format_check_id (reader, path, id))
        continue;
      if (va_entity_is_prebuilt (id))
        va_format_reader_problem (reader, path, _("\"%s\" is the name of a prebuilt entity"), id);
      else if (!g_hash_table_add (entity_ids, (gpointer) id))
        va_format_reader_problem (reader, path, _("another entity has the id \"%s\""), id);
      if (va_entity_get_kind (entity) == VA_ENTITY_KIND_REGEX)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GRegex) regex = NULL;
          const VaFormatPath *pattern_path = VA_FORMAT_PATH_KEY (entity_path, "pattern");

          if (va_entity_get_pattern (entity) == NULL)
            va_format_reader_problem (reader, pattern_path, _("a regular expression entity needs a pattern"));
          else if ((regex = g_regex_new (va_entity_get_pattern (entity), 0, 0, &error)) == NULL)
            va_format_reader_problem (reader, pattern_path, _("invalid regular expression: %s"), error->message);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      GListModel *nodes = va_topic_get_nodes (topic);
      VaSystemTopic system = va_topic_get_system (topic);
      const VaFormatPath *topic_path = VA_FORMAT_PATH_INDEX (topics_path, i);
      const VaFormatPath *nodes_path = VA_FORMAT_PATH_KEY (topic_path, "nodes");

      if (system != VA_SYSTEM_TOPIC_NONE)
        {
          if (seen_system[system])
            va_format_reader_problem (reader, VA_FORMAT_PATH_KEY (topic_path, "system"),
                                      _("another topic is already the \"%s\" system topic"),
                                      va_system_topic_to_string (system));
          seen_system[system] = TRUE;
        }

      for (guint j = 0; j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(VaNode) node = g_list_model_get_item (nodes, j);

          if (VA_IS_QUESTION_NODE (node) &&
              va_question_node_get_mode (VA_QUESTION_NODE (node)) == VA_QUESTION_MODE_ENTITY)
            {
              const char *entity = va_question_node_get_entity (VA_QUESTION_NODE (node));
              const VaFormatPath *path = VA_FORMAT_PATH_KEY (VA_FORMAT_PATH_INDEX (nodes_path, j), "entity");

              if (entity == NULL)
                va_format_reader_problem (reader, path, _("a question of mode \"entity\" needs an entity"));
              else if (!va_entity_is_prebuilt (entity) && !g_hash_table_contains (entity_ids, entity))
                va_format_reader_problem (reader, path, _("no entity \"%s\""), entity);
            }
        }
    }
}

/* Whether the scalar at @p, if it is a whole number, fits 64 bits: json-glib 1.6 reads a bigger
 * one as -1, and nothing in a bot takes numbers of that size. Other scalars pass. */
static gboolean
integer_fits (const char *p,
              const char *end)
{
  const char *q = p + (p < end && *p == '-');
  const char *digits = q;
  char text[24];
  gint64 value;

  while (q < end && g_ascii_isdigit (*q))
    q++;
  if (q - digits < 19 || (q < end && (*q == '.' || *q == 'e' || *q == 'E')))
    return TRUE;
  if (q - p >= (ptrdiff_t) sizeof text)
    return FALSE;
  memcpy (text, p, q - p);
  text[q - p] = '\0';
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL);
}

/* Measures what parsing would cost before json-glib sees the data: the nesting depth (json-glib
 * 1.6 crashes on very deep nesting) and an estimate of the memory the parsed document would
 * take (VA_FORMAT_MAX_PARSE_MEMORY). */
gboolean
va_format_check_depth (const char  *data,
                       gsize        length,
                       GError     **error)
{
  guint depth = 0;
  guint line = 1;
  const char *line_start = data;
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;
  gboolean ended = FALSE;
  guint64 cost = 0;
  static const guint8 string_stops[256] = { ['"'] = 1, ['\\'] = 1, ['\n'] = 1 };

  /* json-glib skips a byte order mark; so does this scan, or it would take it for a value. */
  for (gsize i = length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; i < length; i++)
    {
      char c = data[i];

      /* The two most common cases first, for speed: in a string, the bytes other than a quote, a
       * backslash or a line end only count; outside, a space after anything but a scalar does
       * nothing (the indentation of a pretty-printed file). */
      if (in_string)
        {
          gsize run = i;

          while (run < length && !string_stops[(guchar) data[run]])
            run++;
          cost += run - i;
          if (run == length)
            break;
          i = run;
          c = data[i];
        }
      else if (c == ' ' && !in_scalar)
        {
          i = va_format_skip_spaces (data + i, data + length) - data - 1;
          continue;
        }

      if (c == '\n')
        {
          line++;
          line_start = data + i + 1;
        }
      if (in_string)
        {
          if (c == '\\' && i + 1 < length && data[i + 1] == 'u')
            {
              gsize n = va_json_unicode_escape_length (data + i + 1, data + length);

              if (n == 0)
                {
                  g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX,
                               _("line %u, column %u: a broken \\u escape (it takes four hex "
                                 "digits, and a surrogate pair both its halves)"),
                               line, (guint) (data + i - line_start) + 1);
                  return FALSE;
                }
              /* As any escape, the backslash and the next byte count one (as va-format-json.c
               * counts them): 5 for "\\u0041", 10 for a pair; the cost++ below is one of them. */
              cost += n - (n == 11 ? 2 : 1);
              i += n;
            }
          else if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              ended = depth == 0;
            }
          cost++;
          continue;
        }
      /* One value only: json-glib 1.6 reads on after the first ("{…} {…}"), keeps the last and
       * leaks the others. */
      if (depth == 0 && in_scalar &&
          (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '[' || c == '{' || c == '"'))
        ended = TRUE;
      if (ended && c != ' ' && c != '\t' && c != '\n' && c != '\r')
        {
          g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX,
                       _("line %u, column %u: more after the end of the bot (a .vabot file holds "
                         "one JSON object)"),
                       line, (guint) (data + i - line_start) + 1);
          return FALSE;
        }
      if (c == '"')
        {
          in_string = TRUE;
          cost += VA_FORMAT_COST_STRING;
        }
      else if (c == '\'' || c == '/')
        {
          /* json-glib accepts single quotes and comments, which would hide
           * brackets from this scan; they are not JSON, so refuse them.
           */
          g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX,
                       _("line %u, column %u: unexpected character '%c' (a .vabot file is plain JSON: "
                         "no comments, no single quotes)"),
                       line, (guint) (data + i - line_start) + 1, c);
          return FALSE;
        }
      else if (c == '[' || c == '{')
        {
          cost += c == '{' ? VA_FORMAT_COST_OBJECT : VA_FORMAT_COST_ARRAY;
          if (++depth > VA_FORMAT_MAX_DEPTH)
            {
              g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_DEEP,
                           _("line %u, column %u: nested too deeply (more than %d levels)"),
                           line, (guint) (data + i - line_start) + 1, VA_FORMAT_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        ended = --depth == 0;
      else if (c == ':')
        cost += VA_FORMAT_COST_MEMBER;

      /* A number, true, false or null: a run of other characters. */
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' ||
          c == '[' || c == ']' || c == '{' || c == '}' || c == '"')
        in_scalar = FALSE;
      else if (!in_scalar)
        {
          in_scalar = TRUE;
          cost += VA_FORMAT_COST_SCALAR;
          if (!integer_fits (data + i, data + length))
            {
              g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX,
                           _("line %u, column %u: a whole number too large for this file (at most "
                             "19 digits)"),
                           line, (guint) (data + i - line_start) + 1);
              return FALSE;
            }
        }
    }

  if (cost > VA_FORMAT_MAX_PARSE_MEMORY)
    {
      g_autofree char *needed = g_strdup_printf ("%" G_GUINT64_FORMAT, cost / (1024 * 1024));

      g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE,
                   _("The file holds too much to open: reading it would take about %s MiB of "
                     "memory (at most %d MiB)"),
                   needed, VA_FORMAT_MAX_PARSE_MEMORY / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

/* json-glib says "<data>:LINE:COL: Parse error: …"; say it in words. */
char *
va_format_describe_syntax_error (const char *message)
{
  guint line, column;
  int consumed = 0;

  if (g_str_has_prefix (message, "<data>:") &&
      sscanf (message + 7, "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *rest = message + 7 + consumed;

      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");
      return g_strdup_printf (_("line %u, column %u: %s"), line, column, rest);
    }
  return g_strdup (message);
}
