/* va-problems.c — VaProblem, and the pass over the bot that finds its problems
 *
 * The bot's problems list (DESIGN.md section 5): what would make a conversation go wrong or never
 * happen, found by looking at the document only. Unlike the loader's checks, which refuse a file,
 * these describe a bot that is being edited and may be half-built.
 *
 * One pass over the topics and their nodes collects everything that needs the whole bot (which
 * variables are set, which topics are redirected to, which trigger phrases are taken) in hash
 * tables; the checks that need it run after that pass. Nothing compares every node with every
 * other, so a bot of 1,000 topics × 50 nodes checks in a few tens of milliseconds.
 *
 * This file keeps the VaProblem object, how a problem is worded and placed, and the pass itself;
 * the checks are in va-problems-topics.c (a topic's graph, redirects and triggers),
 * va-problems-nodes.c (what each node kind needs, URLs and the bot settings) and
 * va-problems-variables.c ({Variable} references, and variables that nothing sets).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "va-problems-private.h"
#include "va-entity.h"
#include "va-node.h"
#include "va-topic.h"

/* {{{ Enumerations */

GType
va_problem_severity_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { VA_PROBLEM_ERROR, "VA_PROBLEM_ERROR", "error" },
    { VA_PROBLEM_WARNING, "VA_PROBLEM_WARNING", "warning" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string ("VaProblemSeverity"),
                                                         values));
  return type_id;
}

GType
va_problem_kind_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { VA_PROBLEM_KIND_UNREACHABLE_NODE, "VA_PROBLEM_KIND_UNREACHABLE_NODE", "unreachable-node" },
    { VA_PROBLEM_KIND_DANGLING_EDGE, "VA_PROBLEM_KIND_DANGLING_EDGE", "dangling-edge" },
    { VA_PROBLEM_KIND_NO_START, "VA_PROBLEM_KIND_NO_START", "no-start" },
    { VA_PROBLEM_KIND_LINK_PLACEHOLDER, "VA_PROBLEM_KIND_LINK_PLACEHOLDER", "link-placeholder" },
    { VA_PROBLEM_KIND_BAD_REDIRECT, "VA_PROBLEM_KIND_BAD_REDIRECT", "bad-redirect" },
    { VA_PROBLEM_KIND_UNSET_VARIABLE, "VA_PROBLEM_KIND_UNSET_VARIABLE", "unset-variable" },
    { VA_PROBLEM_KIND_NO_TRIGGER, "VA_PROBLEM_KIND_NO_TRIGGER", "no-trigger" },
    { VA_PROBLEM_KIND_SHARED_PHRASE, "VA_PROBLEM_KIND_SHARED_PHRASE", "shared-phrase" },
    { VA_PROBLEM_KIND_INVALID_URL, "VA_PROBLEM_KIND_INVALID_URL", "invalid-url" },
    { VA_PROBLEM_KIND_NO_OPTIONS, "VA_PROBLEM_KIND_NO_OPTIONS", "no-options" },
    { VA_PROBLEM_KIND_UNKNOWN_ENTITY, "VA_PROBLEM_KIND_UNKNOWN_ENTITY", "unknown-entity" },
    { VA_PROBLEM_KIND_MISPLACED_TRANSFER, "VA_PROBLEM_KIND_MISPLACED_TRANSFER", "misplaced-transfer" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static (g_intern_static_string ("VaProblemKind"),
                                                         values));
  return type_id;
}

/* }}} */
/* {{{ VaProblem */

struct _VaProblem
{
  GObject parent_instance;

  VaProblemSeverity severity;
  VaProblemKind kind;
  char *topic_id;
  char *node_id;
  char *message;
  char *location;

  /* Sort keys: the topic's position, 0 for the topic itself or 1 + the node's position, and the
   * order in which the problem was found. */
  guint topic_pos;
  guint node_pos;
  guint serial;
};

G_DEFINE_FINAL_TYPE (VaProblem, va_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEVERITY,
  PROP_KIND,
  PROP_TOPIC_ID,
  PROP_NODE_ID,
  PROP_MESSAGE,
  PROP_LOCATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_problem_finalize (GObject *object)
{
  VaProblem *self = (VaProblem *) object;

  g_clear_pointer (&self->topic_id, g_free);
  g_clear_pointer (&self->node_id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->location, g_free);

  G_OBJECT_CLASS (va_problem_parent_class)->finalize (object);
}

static void
va_problem_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VaProblem *self = VA_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TOPIC_ID:
      g_value_set_string (value, self->topic_id);
      break;

    case PROP_NODE_ID:
      g_value_set_string (value, self->node_id);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_problem_class_init (VaProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_problem_finalize;
  object_class->get_property = va_problem_get_property;

  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, VA_TYPE_PROBLEM_SEVERITY, VA_PROBLEM_ERROR,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, VA_TYPE_PROBLEM_KIND, VA_PROBLEM_KIND_UNREACHABLE_NODE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC_ID] =
    g_param_spec_string ("topic-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE_ID] =
    g_param_spec_string ("node-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_problem_init (VaProblem *self)
{
}

VaProblemSeverity
va_problem_get_severity (VaProblem *self)
{
  g_return_val_if_fail (VA_IS_PROBLEM (self), VA_PROBLEM_ERROR);

  return self->severity;
}

VaProblemKind
va_problem_get_kind (VaProblem *self)
{
  g_return_val_if_fail (VA_IS_PROBLEM (self), VA_PROBLEM_KIND_UNREACHABLE_NODE);

  return self->kind;
}

const char *
va_problem_get_topic_id (VaProblem *self)
{
  g_return_val_if_fail (VA_IS_PROBLEM (self), NULL);

  return self->topic_id;
}

/**
 * va_problem_get_node_id:
 * @self: a problem
 *
 * Returns: (nullable): the node the problem is about, or %NULL when it is about the whole topic
 */
const char *
va_problem_get_node_id (VaProblem *self)
{
  g_return_val_if_fail (VA_IS_PROBLEM (self), NULL);

  return self->node_id;
}

/**
 * va_problem_get_message:
 * @self: a problem
 *
 * Returns: a translated sentence that says what is wrong and where
 */
const char *
va_problem_get_message (VaProblem *self)
{
  g_return_val_if_fail (VA_IS_PROBLEM (self), NULL);

  return self->message;
}

/**
 * va_problem_get_location:
 * @self: a problem
 *
 * Returns: the topic's name, and the node's kind and id, as "Order status › Message n3"
 */
const char *
va_problem_get_location (VaProblem *self)
{
  g_return_val_if_fail (VA_IS_PROBLEM (self), NULL);

  return self->location;
}

/**
 * va_problem_equal:
 * @a: a problem
 * @b: another problem
 *
 * Returns: whether @a and @b say the same thing about the same place
 */
gboolean
va_problem_equal (VaProblem *a,
                  VaProblem *b)
{
  g_return_val_if_fail (VA_IS_PROBLEM (a), FALSE);
  g_return_val_if_fail (VA_IS_PROBLEM (b), FALSE);

  return a->severity == b->severity && a->kind == b->kind &&
         g_strcmp0 (a->topic_id, b->topic_id) == 0 && g_strcmp0 (a->node_id, b->node_id) == 0 &&
         g_strcmp0 (a->message, b->message) == 0 && g_strcmp0 (a->location, b->location) == 0;
}

static int
va_problem_compare (gconstpointer a,
                    gconstpointer b)
{
  const VaProblem *pa = *(VaProblem * const *) a;
  const VaProblem *pb = *(VaProblem * const *) b;

  if (pa->topic_pos != pb->topic_pos)
    return pa->topic_pos < pb->topic_pos ? -1 : 1;
  if (pa->node_pos != pb->node_pos)
    return pa->node_pos < pb->node_pos ? -1 : 1;
  if (pa->serial != pb->serial)
    return pa->serial < pb->serial ? -1 : 1;
  return 0;
}

/* }}} */
/* {{{ Reporting a problem */

gboolean
va_problems_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

const char *
va_problems_topic_name (VaTopic *topic)
{
  const char *name = va_topic_get_name (topic);

  if (name != NULL && name[0] != '\0')
    return name;
  name = va_topic_get_id (topic);
  return name != NULL ? name : "";
}

char *
va_problems_node_label (VaNode *node)
{
  /* Translators: how a problem names a node: its kind and its id, as in "Message n3". */
  return g_strdup_printf (_("%s %s"), va_node_kind_get_display_name (va_node_get_kind (node)),
                          va_node_get_id (node));
}

/* Adds a problem about @topic (at @topic_pos), and about @node (at @node_pos) unless it is NULL.
 * Takes @message. */
void
va_problems_add_problem_at (VaProblemsChecker *c,
                            VaProblemSeverity  severity,
                            VaProblemKind      kind,
                            VaTopic           *topic,
                            guint              topic_pos,
                            VaNode            *node,
                            guint              node_pos,
                            char              *message)
{
  VaProblem *problem = g_object_new (VA_TYPE_PROBLEM, NULL);

  problem->severity = severity;
  problem->kind = kind;
  problem->topic_id = g_strdup (va_topic_get_id (topic));
  problem->message = message;
  problem->topic_pos = topic_pos;
  problem->serial = c->serial++;
  if (node != NULL)
    {
      g_autofree char *label = va_problems_node_label (node);

      problem->node_id = g_strdup (va_node_get_id (node));
      problem->node_pos = node_pos + 1;
      /* Translators: where a problem is: a topic's name and a node, as in "Order status › Message n3". */
      problem->location = g_strdup_printf (_("%s › %s"), va_problems_topic_name (topic), label);
    }
  else
    {
      problem->location = g_strdup (va_problems_topic_name (topic));
    }
  g_ptr_array_add (c->problems, problem);
}

/* A problem about the current node. */
void
va_problems_add_node_problem (VaProblemsChecker *c,
                              VaProblemSeverity  severity,
                              VaProblemKind      kind,
                              char              *message)
{
  va_problems_add_problem_at (c, severity, kind, c->topic, c->topic_pos, c->node, c->node_pos,
                              message);
}

/* A problem about the current topic as a whole. */
void
va_problems_add_topic_problem (VaProblemsChecker *c,
                               VaProblemSeverity  severity,
                               VaProblemKind      kind,
                               char              *message)
{
  va_problems_add_problem_at (c, severity, kind, c->topic, c->topic_pos, NULL, 0, message);
}

/* }}} */
/* {{{ The pass over the bot */

/**
 * va_bot_check_problems:
 * @bot: a bot
 *
 * Looks for what would make the bot's conversations go wrong or never happen: unreachable nodes,
 * edges and redirects to nothing, a missing start node, the Escalate topic's "[link]" placeholder
 * without a hub link, variables that are read but never set, custom topics that can never start,
 * trigger phrases shared by two topics, invalid action URLs, questions without options or with an
 * unknown entity, and Transfer to agent outside the Escalate topic. Disabled topics are checked
 * like the others, except for what only matters to the recognizer (phrases, triggers).
 *
 * Returns: (transfer full): a list of #VaProblem in the order of the topics, then of their nodes
 * (problems about a whole topic before those about its nodes)
 */
GListStore *
va_bot_check_problems (VaBot *bot)
{
  VaProblemsChecker c = { 0, };
  GListModel *topics;
  GListModel *entities;
  GListStore *store;
  const char *hub_link;
  guint n_topics;

  g_return_val_if_fail (VA_IS_BOT (bot), NULL);

  topics = va_bot_get_topics (bot);
  entities = va_bot_get_entities (bot);
  n_topics = g_list_model_get_n_items (topics);
  hub_link = va_bot_get_hub_link (bot);

  c.bot = bot;
  c.problems = g_ptr_array_new_with_free_func (g_object_unref);
  c.topics = g_ptr_array_new_full (n_topics, g_object_unref);
  c.topic_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.entity_ids = g_hash_table_new (g_str_hash, g_str_equal);
  c.set_variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.reads = g_array_new (FALSE, FALSE, sizeof (VaVariableRead));
  g_array_set_clear_func (c.reads, va_problems_variable_read_clear);
  c.redirected = g_hash_table_new (g_str_hash, g_str_equal);
  c.node_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.hub_link_empty = va_problems_is_blank (hub_link);

  /* Ids stay owned by the model objects, which nothing changes while this runs. */
  for (guint t = 0; t < n_topics; t++)
    {
      VaTopic *topic = g_list_model_get_item (topics, t);
      const char *id = va_topic_get_id (topic);

      g_ptr_array_add (c.topics, topic);
      if (id != NULL && !g_hash_table_contains (c.topic_index, id))
        g_hash_table_insert (c.topic_index, (gpointer) id, GUINT_TO_POINTER (t + 1));
    }
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VaEntity) entity = g_list_model_get_item (entities, i);

      if (va_entity_get_id (entity) != NULL)
        g_hash_table_add (c.entity_ids, (gpointer) va_entity_get_id (entity));
    }

  for (guint t = 0; t < n_topics; t++)
    {
      c.topic = g_ptr_array_index (c.topics, t);
      c.topic_pos = t;
      va_problems_check_topic (&c);
    }
  c.topic = NULL;

  va_problems_check_unset_variables (&c);
  va_problems_check_unreachable_topics (&c);
  va_problems_check_shared_phrases (&c);
  va_problems_check_hub_addresses (&c);

  g_ptr_array_sort (c.problems, va_problem_compare);
  store = g_list_store_new (VA_TYPE_PROBLEM);
  g_list_store_splice (store, 0, 0, c.problems->pdata, c.problems->len);

  g_ptr_array_unref (c.problems);
  g_ptr_array_unref (c.topics);
  g_hash_table_unref (c.topic_index);
  g_hash_table_unref (c.entity_ids);
  g_hash_table_unref (c.set_variables);
  g_array_unref (c.reads);
  g_hash_table_unref (c.redirected);
  g_hash_table_unref (c.node_index);

  return store;
}

/* }}} */
