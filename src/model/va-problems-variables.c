/* va-problems-variables.c — {Variable} references in a bot's texts, what its nodes read and
 * set, and the problem of a variable that is read but that nothing sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-problems-private.h"
#include "va-node.h"
#include "va-topic.h"

/* {{{ {Variable} references */

/* The runtime's rule for a reference (engine/va-interpolate.c), repeated here because the model
 * does not include the engine: "{Name}" where a name is letters, digits, "_" and ".", starts with
 * a letter or "_" and does not end with "."; "{{" and "}}" stand for a brace.
 */
#define MAX_NAME 128

static gsize
reference_length (const char *p)
{
  gsize n = 0;

  if (!(g_ascii_isalpha (p[0]) || p[0] == '_'))
    return 0;
  while (g_ascii_isalnum (p[n]) || p[n] == '_' || p[n] == '.')
    n++;
  if (n > MAX_NAME || p[n] != '}' || p[n - 1] == '.')
    return 0;
  return n;
}

typedef void (*ReferenceFunc) (const char *name,
                               gsize       length,
                               gpointer    user_data);

static void
foreach_reference (const char    *text,
                   ReferenceFunc  func,
                   gpointer       user_data)
{
  if (text == NULL)
    return;
  for (const char *p = text; *p != '\0'; p++)
    {
      gsize n;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          p++;
          continue;
        }
      if (p[0] != '{' || (n = reference_length (p + 1)) == 0)
        continue;
      func (p + 1, n, user_data);
      p += n + 1;
    }
}

/* The text as the runtime would render it if every variable held @value. */
char *
va_problems_replace_references (const char *text,
                                const char *value)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0';)
    {
      gsize n;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, p[0]);
          p += 2;
        }
      else if (p[0] == '{' && (n = reference_length (p + 1)) > 0)
        {
          g_string_append (out, value);
          p += n + 2;
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }
  return g_string_free (out, FALSE);
}

/* The name under which the runtime stores a variable, or NULL for the read-only System.* and
 * Bot.* ones: "Global.X" is the bot-scoped X. */
static const char *
variable_key (const char *name,
              gsize      *length)
{
  if (*length >= 7 && strncmp (name, "System.", 7) == 0)
    return NULL;
  if (*length >= 4 && strncmp (name, "Bot.", 4) == 0)
    return NULL;
  if (*length >= 7 && strncmp (name, "Global.", 7) == 0)
    {
      name += 7;
      *length -= 7;
    }
  return *length > 0 ? name : NULL;
}

/* }}} */
/* {{{ What the nodes read and set */

void
va_problems_variable_read_clear (gpointer data)
{
  g_free (((VaVariableRead *) data)->name);
}

static void
note_read (const char *name,
           gsize       length,
           gpointer    user_data)
{
  VaProblemsChecker *c = user_data;
  const char *key = variable_key (name, &length);
  VaVariableRead read;

  if (key == NULL)
    return;
  /* One problem per variable and node: a node reads a handful of names at most. */
  for (guint i = c->node_reads_start; i < c->reads->len; i++)
    {
      VaVariableRead *seen = &g_array_index (c->reads, VaVariableRead, i);

      if (strlen (seen->name) == length && strncmp (seen->name, key, length) == 0)
        return;
    }
  read.name = g_strndup (key, length);
  read.topic_pos = c->topic_pos;
  read.node_pos = c->node_pos;
  g_array_append_val (c->reads, read);
}

void
va_problems_note_template (VaProblemsChecker *c,
                           const char        *text)
{
  foreach_reference (text, note_read, c);
}

void
va_problems_note_plain_read (VaProblemsChecker *c,
                             const char        *name)
{
  if (name != NULL)
    note_read (name, strlen (name), c);
}

void
va_problems_note_set (VaProblemsChecker *c,
                      const char        *name)
{
  gsize length;
  const char *key;

  if (name == NULL)
    return;
  length = strlen (name);
  key = variable_key (name, &length);
  if (key != NULL && !g_hash_table_contains (c->set_variables, key))
    g_hash_table_add (c->set_variables, g_strndup (key, length));
}

void
va_problems_check_unset_variables (VaProblemsChecker *c)
{
  for (guint i = 0; i < c->reads->len; i++)
    {
      VaVariableRead *read = &g_array_index (c->reads, VaVariableRead, i);
      VaTopic *topic;
      g_autoptr(VaNode) node = NULL;
      g_autofree char *label = NULL;

      if (g_hash_table_contains (c->set_variables, read->name))
        continue;
      topic = g_ptr_array_index (c->topics, read->topic_pos);
      node = g_list_model_get_item (va_topic_get_nodes (topic), read->node_pos);
      label = va_problems_node_label (node);
      va_problems_add_problem_at (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNSET_VARIABLE, topic,
                                  read->topic_pos, node, read->node_pos,
                                  g_strdup_printf (_("%s in “%s” uses the variable “%s”, which "
                                                     "nothing in the bot sets."),
                                                   label, va_problems_topic_name (topic),
                                                   read->name));
    }
}

/* }}} */
