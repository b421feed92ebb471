/* va-format.c
 *
 * The .vabot file format: pretty-printed JSON with stable key order, canvas
 * positions apart in a "layout" section, no timestamps (see docs/FORMAT.md).
 *
 * This file reads a bot: the file's size, format and version, then its
 * sections, topics with their nodes, and layout, and loads it from a file.
 * Objects are mapped through a table of their properties in file order
 * (va-format-spec.c, read field by field in va-format-read.c), so the reader
 * and the writer cannot disagree about a field. The reader collects every
 * problem with its place (a JSON path) instead of stopping at the first, and
 * guards against hostile files: size, nesting depth, string lengths and list
 * lengths are bounded before anything is built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-format-private.h"
#include "va-entity.h"
#include "va-node.h"
#include "va-topic.h"
#include "va-variable.h"

G_DEFINE_QUARK (va-format-error-quark, va_format_error)

gboolean
va_format_check_id (VaFormatReader     *reader,
                    const VaFormatPath *path,
                    const char         *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;   /* already reported as missing or empty */
  if (strlen (id) > 128)
    {
      va_format_reader_problem (reader, path, _("id too long (at most 128 characters)"));
      return FALSE;
    }
  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        {
          va_format_reader_problem (reader, path, _("\"%s\" is not a valid id (use letters, digits, '-', '_' and '.')"), id);
          return FALSE;
        }
    }
  return TRUE;
}

static VaNode *
read_node (VaFormatReader     *reader,
           const VaFormatPath *path,
           const VaFormatJson *json)
{
  static const char * const special[] = { "id", "type", NULL };
  const VaFormatJson *id_node = va_format_json_get_member (json, "id");
  const VaFormatJson *type_node = va_format_json_get_member (json, "type");
  const VaFormatPath *id_path = VA_FORMAT_PATH_KEY (path, "id");
  const VaFormatPath *type_path = VA_FORMAT_PATH_KEY (path, "type");
  const char *id = NULL;
  const char *type = NULL;
  VaNodeKind kind;
  VaNode *node;

  if (id_node == NULL)
    va_format_reader_problem (reader, path, _("the field \"id\" is missing"));
  else if ((id = va_format_read_string (reader, id_path, id_node)) != NULL && id[0] == '\0')
    {
      va_format_reader_problem (reader, id_path, _("the id is empty"));
      id = NULL;
    }
  else if (id != NULL && !va_format_check_id (reader, id_path, id))
    id = NULL;

  if (type_node == NULL)
    {
      va_format_reader_problem (reader, path, _("the field \"type\" is missing"));
      return NULL;
    }
  if ((type = va_format_read_string (reader, type_path, type_node)) == NULL)
    return NULL;
  if (!va_node_kind_from_string (type, &kind))
    {
      va_format_reader_problem (reader, type_path,
                      _("unknown node type \"%s\" (expected message, question, condition, "
                        "set-variable, action, redirect, end, escalate or transfer)"),
                      type);
      return NULL;
    }
  if (id == NULL)
    return NULL;

  node = va_node_new_for_kind (kind, id);
  va_format_read_fields (reader, path, G_OBJECT (node), json, special);
  return node;
}

static VaTopic *
read_topic (VaFormatReader     *reader,
            const VaFormatPath *path,
            const VaFormatJson *json)
{
  static const char * const special[] = { "nodes", NULL };
  g_autoptr(VaTopic) topic = va_topic_new ();
  g_autoptr(GHashTable) node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  const VaFormatPath *nodes_path = VA_FORMAT_PATH_KEY (path, "nodes");
  const VaFormatPath *id_path = VA_FORMAT_PATH_KEY (path, "id");
  const VaFormatJson *nodes_node;
  GListStore *store = G_LIST_STORE (va_topic_get_nodes (topic));
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);

  va_format_read_fields (reader, path, G_OBJECT (topic), json, special);
  if (!va_format_check_id (reader, id_path, va_topic_get_id (topic)))
    return NULL;
  if (g_hash_table_contains (reader->topics, va_topic_get_id (topic)))
    {
      va_format_reader_problem (reader, id_path, _("another topic has the id \"%s\""), va_topic_get_id (topic));
      return NULL;
    }

  nodes_node = va_format_json_get_member (json, "nodes");
  if (nodes_node != NULL)
    {
      const VaFormatJson *array = va_format_read_array (reader, nodes_path, nodes_node, VA_FORMAT_MAX_LIST);

      for (guint i = 0; array != NULL && i < array->n; i++)
        {
          const VaFormatPath *node_path = VA_FORMAT_PATH_INDEX (nodes_path, i);
          const VaFormatJson *node_json = va_format_read_object (reader, node_path, &array->elements[i]);
          g_autoptr(VaNode) node = NULL;

          if (node_json == NULL || (node = read_node (reader, node_path, node_json)) == NULL)
            continue;
          if (++reader->n_nodes > VA_FORMAT_MAX_NODES)
            {
              if (reader->n_nodes == VA_FORMAT_MAX_NODES + 1)
                va_format_reader_problem (reader, node_path, _("too many nodes in the bot (at most %d)"),
                                VA_FORMAT_MAX_NODES);
              break;
            }
          if (g_hash_table_contains (node_ids, va_node_get_id (node)))
            {
              va_format_reader_problem (reader, node_path, _("another node of this topic has the id \"%s\""),
                              va_node_get_id (node));
              continue;
            }
          /* the list keeps the node, and so its id, alive */
          g_hash_table_insert (node_ids, (gpointer) va_node_get_id (node), node);
          g_ptr_array_add (nodes, g_steal_pointer (&node));
        }
    }
  va_format_append_all (store, nodes);

  if (va_topic_get_start (topic) != NULL)
    {
      va_format_check_target (reader, VA_FORMAT_PATH_KEY (path, "start"), node_ids, va_topic_get_start (topic));
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(VaNode) first = g_list_model_get_item (G_LIST_MODEL (store), 0);

      /* A topic without "start" begins with its first node. */
      va_topic_set_start (topic, va_node_get_id (first));
    }

  va_format_check_edges (reader, path, topic, node_ids);
  g_hash_table_insert (reader->topics, (gpointer) va_topic_get_id (topic), topic);
  g_hash_table_insert (reader->nodes, (gpointer) va_topic_get_id (topic), g_steal_pointer (&node_ids));
  return g_steal_pointer (&topic);
}

static void
read_bot_section (VaFormatReader     *reader,
                  VaBot              *bot,
                  const VaFormatJson *value,
                  const char         *section)
{
  const ObjectSpec *spec = va_format_find_section_spec (section);
  const VaFormatPath *section_path = VA_FORMAT_PATH_KEY (NULL, section);
  const VaFormatJson *json = va_format_read_object (reader, section_path, value);

  if (json == NULL)
    return;

  for (guint m = 0; m < json->n; m++)
    {
      const char *key = json->members[m].key;
      const VaFormatPath *path = VA_FORMAT_PATH_KEY (section_path, key);
      const FieldSpec *field = va_format_find_field (spec, key);

      if (field == NULL)
        {
          va_format_reader_problem (reader, path, _("unknown field"));
          continue;
        }
      va_format_read_property (reader, path, G_OBJECT (bot), field, &json->members[m].value);
    }
}


static void
read_layout (VaFormatReader     *reader,
             VaBot              *bot,
             const VaFormatJson *value)
{
  const VaFormatPath *layout_path = VA_FORMAT_PATH_KEY (NULL, "layout");
  const VaFormatJson *json = va_format_read_object (reader, layout_path, value);

  if (json == NULL)
    return;

  for (guint t = 0; t < json->n; t++)
    {
      const char *topic_id = json->members[t].key;
      const VaFormatPath *topic_path = VA_FORMAT_PATH_KEY (layout_path, topic_id);
      VaTopic *topic = g_hash_table_lookup (reader->topics, topic_id);
      GHashTable *node_ids = g_hash_table_lookup (reader->nodes, topic_id);
      const VaFormatJson *positions = va_format_read_object (reader, topic_path, &json->members[t].value);

      if (positions == NULL)
        continue;
      if (topic == NULL)
        {
          va_format_reader_problem (reader, topic_path, _("no topic \"%s\""), topic_id);
          continue;
        }

      for (guint p = 0; p < positions->n; p++)
        {
          const char *node_id = positions->members[p].key;
          const VaFormatPath *pos_path = VA_FORMAT_PATH_KEY (topic_path, node_id);
          VaNode *vnode = g_hash_table_lookup (node_ids, node_id);
          const VaFormatJson *xy = va_format_read_array (reader, pos_path, &positions->members[p].value, 2);

          if (xy == NULL)
            continue;
          if (vnode == NULL)
            {
              va_format_reader_problem (reader, pos_path, _("no node \"%s\" in topic \"%s\""), node_id, topic_id);
              continue;
            }
          if (xy->n != 2 ||
              xy->elements[0].type != VA_FORMAT_JSON_INT ||
              xy->elements[1].type != VA_FORMAT_JSON_INT)
            {
              va_format_reader_problem (reader, pos_path, _("expected a position [x, y] of two whole numbers"));
              continue;
            }
          {
            gint64 x = xy->elements[0].integer;
            gint64 y = xy->elements[1].integer;

            if (x < -1000000 || x > 1000000 || y < -1000000 || y > 1000000)
              {
                va_format_reader_problem (reader, pos_path, _("position out of range (-1000000 to 1000000)"));
                continue;
              }
            va_node_set_position (vnode, (int) x, (int) y);
          }
        }
    }
}

/**
 * va_format_load_data:
 * @data: the file's bytes
 * @length: their length, or -1 when @data is nul-terminated
 * @error: return location for a #VA_FORMAT_ERROR
 *
 * Reads a bot. Every problem found is reported with its place: a JSON
 * path for wrong content (`topics[3].nodes[2].next: no node "n7" in this
 * topic`), a line and column for a syntax error. The message of @error
 * lists up to %VA_FORMAT_MAX_PROBLEMS problems, one per line.
 *
 * Returns: (transfer full) (nullable): the bot, or %NULL with @error set
 */
VaBot *
va_format_load_data (const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_autoptr(VaFormatJsonDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VaBot) bot = NULL;
  g_autoptr(GHashTable) topics_by_id = NULL;
  g_autoptr(GHashTable) nodes_by_topic = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  VaFormatReader reader = { 0, };
  const VaFormatJson *root;
  const VaFormatJson *member;
  const char *format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  if ((gsize) length > VA_FORMAT_MAX_SIZE)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GSSIZE_FORMAT, length);

      g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE,
                   _("The file is too large (%s bytes; at most %d MiB)"),
                   size, VA_FORMAT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  /* Plain JSON within the limits is read by our own parser, which checks them as it goes;
   * anything else is checked first and then read by json-glib (see va-format-json.c). */
  document = va_format_json_parse_plain (data, length);
  if (document == NULL)
    {
      if (!va_format_check_depth (data, length, error))
        return NULL;
      document = va_format_json_parse (data, length, &local_error);
    }
  if (document == NULL)
    {
      g_autofree char *message = va_format_describe_syntax_error (local_error->message);

      g_set_error_literal (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_SYNTAX, message);
      return NULL;
    }

  root = va_format_json_document_get_root (document);
  if (root == NULL || root->type != VA_FORMAT_JSON_OBJECT)
    {
      g_set_error_literal (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_NOT_A_BOT,
                           _("This is not a Virtual Agent bot: the file does not hold a JSON object"));
      return NULL;
    }

  member = va_format_json_get_member (root, "format");
  format = member != NULL && member->type == VA_FORMAT_JSON_STRING ? member->string : NULL;
  if (g_strcmp0 (format, VA_FORMAT_NAME) != 0)
    {
      g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_NOT_A_BOT,
                   _("This is not a Virtual Agent bot: \"format\" must be \"%s\""), VA_FORMAT_NAME);
      return NULL;
    }
  member = va_format_json_get_member (root, "version");
  if (member == NULL || member->type != VA_FORMAT_JSON_INT || member->integer < 1)
    {
      g_set_error_literal (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_INVALID,
                           _("version: expected the format version, a whole number from 1"));
      return NULL;
    }
  if (member->integer > VA_FORMAT_VERSION)
    {
      g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, member->integer);

      g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_NEWER_VERSION,
                   _("This bot was saved by a newer version of Virtual Agent (file format %s; "
                     "this version reads format %d). Update Virtual Agent to open it."),
                   version, VA_FORMAT_VERSION);
      return NULL;
    }

  problems = g_ptr_array_new_with_free_func (g_free);
  reader.problems = problems;
  bot = va_bot_new ();
  topics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  nodes_by_topic = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  reader.topics = topics_by_id;
  reader.nodes = nodes_by_topic;

  for (guint m = 0; m < root->n; m++)
    {
      const char *key = root->members[m].key;

      member = &root->members[m].value;
      if (g_str_equal (key, "format") || g_str_equal (key, "version"))
        continue;
      else if (g_str_equal (key, "bot"))
        read_bot_section (&reader, bot, member, "bot");
      else if (g_str_equal (key, "settings"))
        read_bot_section (&reader, bot, member, "settings");
      else if (g_str_equal (key, "variables"))
        va_format_read_list (&reader, VA_FORMAT_PATH_KEY (NULL, "variables"),
                             &(ListSpec) { "variables", (gpointer) va_bot_get_variables, va_variable_get_type },
                             G_OBJECT (bot), member);
      else if (g_str_equal (key, "entities"))
        va_format_read_list (&reader, VA_FORMAT_PATH_KEY (NULL, "entities"),
                             &(ListSpec) { "entities", (gpointer) va_bot_get_entities, va_entity_get_type },
                             G_OBJECT (bot), member);
      else if (g_str_equal (key, "topics"))
        {
          const VaFormatPath *topics_path = VA_FORMAT_PATH_KEY (NULL, "topics");
          const VaFormatJson *array = va_format_read_array (&reader, topics_path, member, VA_FORMAT_MAX_TOPICS);
          g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; array != NULL && i < array->n; i++)
            {
              const VaFormatPath *path = VA_FORMAT_PATH_INDEX (topics_path, i);
              const VaFormatJson *json = va_format_read_object (&reader, path, &array->elements[i]);
              VaTopic *topic;

              if (json == NULL || (topic = read_topic (&reader, path, json)) == NULL)
                continue;
              g_ptr_array_add (topics, topic);
            }
          va_format_append_all (G_LIST_STORE (va_bot_get_topics (bot)), topics);
        }
      else if (!g_str_equal (key, "layout"))
        va_format_reader_problem (&reader, VA_FORMAT_PATH_KEY (NULL, key), _("unknown field"));
    }

  /* Positions refer to nodes, so they are read once all topics are in. */
  if ((member = va_format_json_get_member (root, "layout")) != NULL)
    read_layout (&reader, bot, member);
  va_format_check_references (&reader, bot);

  if (va_bot_get_name (bot) == NULL || va_bot_get_name (bot)[0] == '\0')
    va_format_reader_problem (&reader, VA_FORMAT_PATH_KEY (NULL, "bot.name"), _("the bot has no name"));

  if (reader.n_problems > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (problems, i));
      if (reader.n_problems > problems->len)
        g_string_append_printf (message, "\n%s",
                                _("… and more problems not listed"));
      g_set_error_literal (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_INVALID, message->str);
      return NULL;
    }

  return g_steal_pointer (&bot);
}

/**
 * va_format_load_file:
 * @file: a .vabot file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a bot from @file; refuses files over %VA_FORMAT_MAX_SIZE before
 * reading them. Error messages start with the file's name.
 *
 * Returns: (transfer full) (nullable): the bot, or %NULL with @error set
 */
VaBot *
va_format_load_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;
  VaBot *bot;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* A device or a pipe has no size to check and may never end. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not a regular file"), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > VA_FORMAT_MAX_SIZE)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GOFFSET_FORMAT, g_file_info_get_size (info));

      g_set_error (error, VA_FORMAT_ERROR, VA_FORMAT_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s bytes; at most %d MiB)"),
                   name, size, VA_FORMAT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info == NULL ||
      !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return NULL;
    }

  bot = va_format_load_data (contents, length, &local_error);
  if (bot == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
  return bot;
}
