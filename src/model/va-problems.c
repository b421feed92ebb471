/* va-problems.c
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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "va-problems.h"
#include "va-action-node.h"
#include "va-choice.h"
#include "va-clause.h"
#include "va-condition-branch.h"
#include "va-condition-node.h"
#include "va-entity.h"
#include "va-message-node.h"
#include "va-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-response-mapping.h"
#include "va-set-variable-node.h"
#include "va-topic.h"
#include "va-transfer-node.h"

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
static char *
replace_references (const char *text,
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
/* {{{ The checker */

typedef struct
{
  char *name;
  guint topic_pos;
  guint node_pos;
} VariableRead;

typedef struct
{
  VaBot *bot;
  GPtrArray *problems;          /* of VaProblem */
  guint serial;

  GPtrArray *topics;            /* of VaTopic, in the bot's order */
  GHashTable *topic_index;      /* topic id → position + 1 */
  GHashTable *entity_ids;       /* custom entity ids */
  GHashTable *set_variables;    /* names (owned) that something sets */
  GArray *reads;                /* of VariableRead */
  GHashTable *redirected;       /* topic ids that a redirect node names */
  gboolean hub_link_empty;

  /* the topic and node being looked at */
  VaTopic *topic;
  guint topic_pos;
  VaNode *node;
  guint node_pos;
  guint node_reads_start;       /* first entry of reads for this node */
  GHashTable *node_index;       /* node id → position + 1, for the current topic */
} Checker;

static void
variable_read_clear (gpointer data)
{
  g_free (((VariableRead *) data)->name);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static const char *
topic_display_name (VaTopic *topic)
{
  const char *name = va_topic_get_name (topic);

  if (name != NULL && name[0] != '\0')
    return name;
  name = va_topic_get_id (topic);
  return name != NULL ? name : "";
}

static char *
node_label (VaNode *node)
{
  /* Translators: how a problem names a node: its kind and its id, as in "Message n3". */
  return g_strdup_printf (_("%s %s"), va_node_kind_get_display_name (va_node_get_kind (node)),
                          va_node_get_id (node));
}

/* Adds a problem about @topic (at @topic_pos), and about @node (at @node_pos) unless it is NULL.
 * Takes @message. */
static void
add_problem_at (Checker           *c,
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
      g_autofree char *label = node_label (node);

      problem->node_id = g_strdup (va_node_get_id (node));
      problem->node_pos = node_pos + 1;
      /* Translators: where a problem is: a topic's name and a node, as in "Order status › Message n3". */
      problem->location = g_strdup_printf (_("%s › %s"), topic_display_name (topic), label);
    }
  else
    {
      problem->location = g_strdup (topic_display_name (topic));
    }
  g_ptr_array_add (c->problems, problem);
}

/* A problem about the current node. */
static void
add_node_problem (Checker           *c,
                  VaProblemSeverity  severity,
                  VaProblemKind      kind,
                  char              *message)
{
  add_problem_at (c, severity, kind, c->topic, c->topic_pos, c->node, c->node_pos, message);
}

/* A problem about the current topic as a whole. */
static void
add_topic_problem (Checker           *c,
                   VaProblemSeverity  severity,
                   VaProblemKind      kind,
                   char              *message)
{
  add_problem_at (c, severity, kind, c->topic, c->topic_pos, NULL, 0, message);
}

static void
note_read (const char *name,
           gsize       length,
           gpointer    user_data)
{
  Checker *c = user_data;
  const char *key = variable_key (name, &length);
  VariableRead read;

  if (key == NULL)
    return;
  /* One problem per variable and node: a node reads a handful of names at most. */
  for (guint i = c->node_reads_start; i < c->reads->len; i++)
    {
      VariableRead *seen = &g_array_index (c->reads, VariableRead, i);

      if (strlen (seen->name) == length && strncmp (seen->name, key, length) == 0)
        return;
    }
  read.name = g_strndup (key, length);
  read.topic_pos = c->topic_pos;
  read.node_pos = c->node_pos;
  g_array_append_val (c->reads, read);
}

static void
note_template (Checker    *c,
               const char *text)
{
  foreach_reference (text, note_read, c);
}

static void
note_plain_read (Checker    *c,
                 const char *name)
{
  if (name != NULL)
    note_read (name, strlen (name), c);
}

static void
note_set (Checker    *c,
          const char *name)
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

/* The Escalate topic of a new bot says "[link]" for the author to replace; the runtime puts the
 * hub link there when the bot has one. */
static void
check_link_placeholder (Checker    *c,
                        const char *text)
{
  g_autofree char *label = NULL;

  if (!c->hub_link_empty || va_topic_get_system (c->topic) != VA_SYSTEM_TOPIC_ESCALATE ||
      text == NULL || strstr (text, "[link]") == NULL)
    return;
  label = node_label (c->node);
  add_node_problem (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_LINK_PLACEHOLDER,
                    g_strdup_printf (_("%s in “%s” still says “[link]”: set the engagement hub "
                                       "link in the bot settings, or replace the placeholder."),
                                     label, topic_display_name (c->topic)));
}

static void
check_edge (Checker    *c,
            const char *label,
            const char *target)
{
  g_autofree char *node = NULL;

  if (target == NULL || target[0] == '\0' || g_hash_table_contains (c->node_index, target))
    return;
  node = node_label (c->node);
  if (label != NULL && label[0] != '\0')
    add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE,
                      g_strdup_printf (_("The “%s” branch of %s in “%s” leads to node “%s”, "
                                         "which does not exist."),
                                       label, node, topic_display_name (c->topic), target));
  else
    add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE,
                      g_strdup_printf (_("%s in “%s” leads to node “%s”, which does not exist."),
                                       node, topic_display_name (c->topic), target));
}

static void
check_message (Checker       *c,
               VaMessageNode *node)
{
  const char * const *variations = va_message_node_get_variations (node);

  note_template (c, va_message_node_get_text (node));
  check_link_placeholder (c, va_message_node_get_text (node));
  for (guint i = 0; variations != NULL && variations[i] != NULL; i++)
    {
      note_template (c, variations[i]);
      check_link_placeholder (c, variations[i]);
    }
}

static void
check_question (Checker        *c,
                VaQuestionNode *node)
{
  g_autofree char *label = node_label (c->node);
  const char *topic_name = topic_display_name (c->topic);
  GListModel *options = va_question_node_get_options (node);
  guint n_options = g_list_model_get_n_items (options);

  note_template (c, va_question_node_get_prompt (node));
  note_template (c, va_question_node_get_reprompt (node));
  check_link_placeholder (c, va_question_node_get_prompt (node));
  check_link_placeholder (c, va_question_node_get_reprompt (node));
  note_set (c, va_question_node_get_variable (node));

  if (va_question_node_get_mode (node) == VA_QUESTION_MODE_CHOICES)
    {
      /* "Multiple topics matched" gets its options from the recognizer at run time. */
      if (n_options == 0 && va_topic_get_system (c->topic) != VA_SYSTEM_TOPIC_MULTIPLE_TOPICS_MATCHED)
        add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_NO_OPTIONS,
                          g_strdup_printf (_("%s in “%s” asks to pick an option but has no options."),
                                           label, topic_name));
    }
  else
    {
      const char *entity = va_question_node_get_entity (node);

      if (entity == NULL || entity[0] == '\0')
        add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_UNKNOWN_ENTITY,
                          g_strdup_printf (_("%s in “%s” does not say which entity to recognize."),
                                           label, topic_name));
      else if (!va_entity_is_prebuilt (entity) && !g_hash_table_contains (c->entity_ids, entity))
        add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_UNKNOWN_ENTITY,
                          g_strdup_printf (_("%s in “%s” recognizes the entity “%s”, which is "
                                             "neither a prebuilt nor a custom entity."),
                                           label, topic_name, entity));

      /* The options keep their edges while the question asks for an entity, and the file
       * format refuses a dangling one there too. */
      for (guint i = 0; i < n_options; i++)
        {
          g_autoptr(VaChoice) choice = g_list_model_get_item (options, i);

          check_edge (c, va_choice_get_label (choice), va_choice_get_next (choice));
        }
    }
}

static void
check_condition (Checker         *c,
                 VaConditionNode *node)
{
  GListModel *branches = va_condition_node_get_branches (node);
  guint n_branches = g_list_model_get_n_items (branches);

  for (guint i = 0; i < n_branches; i++)
    {
      g_autoptr(VaConditionBranch) branch = g_list_model_get_item (branches, i);
      GListModel *clauses = va_condition_branch_get_clauses (branch);
      guint n_clauses = g_list_model_get_n_items (clauses);

      for (guint j = 0; j < n_clauses; j++)
        {
          g_autoptr(VaClause) clause = g_list_model_get_item (clauses, j);

          note_plain_read (c, va_clause_get_variable (clause));
          note_template (c, va_clause_get_value (clause));
        }
    }
}

static gboolean
is_valid_http_url (const char *url_template)
{
  g_autofree char *url = replace_references (url_template, "x");
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;
  /* GUri takes a space in the host; no HTTP request does. */
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && host[0] != '\0';
}

static void
check_action (Checker      *c,
              VaActionNode *node)
{
  const char *url = va_action_node_get_url (node);
  const char * const *headers = va_action_node_get_headers (node);
  GListModel *mappings = va_action_node_get_mappings (node);
  guint n_mappings = g_list_model_get_n_items (mappings);

  note_template (c, url);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    note_template (c, headers[i]);
  note_template (c, va_action_node_get_body (node));
  for (guint i = 0; i < n_mappings; i++)
    {
      g_autoptr(VaResponseMapping) mapping = g_list_model_get_item (mappings, i);

      note_set (c, va_response_mapping_get_variable (mapping));
    }

  if (is_blank (url))
    {
      g_autofree char *label = node_label (c->node);

      add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL,
                        g_strdup_printf (_("%s in “%s” has no address to call."),
                                         label, topic_display_name (c->topic)));
    }
  else if (!is_valid_http_url (url))
    {
      g_autofree char *label = node_label (c->node);

      add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL,
                        g_strdup_printf (_("%s in “%s” calls “%s”, which is not a valid http or "
                                           "https address."),
                                         label, topic_display_name (c->topic), url));
    }
}

static void
check_redirect (Checker        *c,
                VaRedirectNode *node)
{
  const char *target = va_redirect_node_get_topic (node);
  g_autofree char *label = node_label (c->node);
  const char *topic_name = topic_display_name (c->topic);
  guint pos;

  if (target == NULL || target[0] == '\0')
    {
      add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT,
                        g_strdup_printf (_("%s in “%s” does not say which topic to go to."),
                                         label, topic_name));
      return;
    }

  g_hash_table_add (c->redirected, (gpointer) target);
  pos = GPOINTER_TO_UINT (g_hash_table_lookup (c->topic_index, target));
  if (pos == 0)
    {
      add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT,
                        g_strdup_printf (_("%s in “%s” redirects to the topic “%s”, which does not "
                                           "exist."),
                                         label, topic_name, target));
    }
  else
    {
      VaTopic *other = g_ptr_array_index (c->topics, pos - 1);

      /* The runtime stops with the On error topic there. */
      if (!va_topic_get_enabled (other))
        add_node_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_BAD_REDIRECT,
                          g_strdup_printf (_("%s in “%s” redirects to “%s”, which is turned off."),
                                           label, topic_name, topic_display_name (other)));
    }
}

static void
check_node (Checker *c)
{
  VaNode *node = c->node;

  c->node_reads_start = c->reads->len;
  switch (va_node_get_kind (node))
    {
    case VA_NODE_KIND_MESSAGE:
      check_message (c, VA_MESSAGE_NODE (node));
      break;

    case VA_NODE_KIND_QUESTION:
      check_question (c, VA_QUESTION_NODE (node));
      break;

    case VA_NODE_KIND_CONDITION:
      check_condition (c, VA_CONDITION_NODE (node));
      break;

    case VA_NODE_KIND_SET_VARIABLE:
      note_template (c, va_set_variable_node_get_value (VA_SET_VARIABLE_NODE (node)));
      note_set (c, va_set_variable_node_get_variable (VA_SET_VARIABLE_NODE (node)));
      break;

    case VA_NODE_KIND_ACTION:
      check_action (c, VA_ACTION_NODE (node));
      break;

    case VA_NODE_KIND_REDIRECT:
      check_redirect (c, VA_REDIRECT_NODE (node));
      break;

    case VA_NODE_KIND_TRANSFER:
      note_template (c, va_transfer_node_get_agent_message (VA_TRANSFER_NODE (node)));
      if (va_topic_get_system (c->topic) != VA_SYSTEM_TOPIC_ESCALATE)
        {
          g_autofree char *label = node_label (node);

          add_node_problem (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_MISPLACED_TRANSFER,
                            g_strdup_printf (_("%s in “%s” hands the conversation to an agent "
                                               "outside the Escalate topic: use an Escalate node "
                                               "instead."),
                                             label, topic_display_name (c->topic)));
        }
      break;

    case VA_NODE_KIND_END:
    case VA_NODE_KIND_ESCALATE:
    default:
      break;
    }
}

/* The graph checks of one topic: the start, every edge, and what the start never leads to. */
static void
check_topic (Checker *c)
{
  GListModel *nodes = va_topic_get_nodes (c->topic);
  guint n = g_list_model_get_n_items (nodes);
  const char *start = va_topic_get_start (c->topic);
  guint start_pos = 0;
  g_autoptr(GPtrArray) node_refs = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GArray) offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), n + 1);
  g_autoptr(GArray) targets = g_array_sized_new (FALSE, FALSE, sizeof (guint), n * 2);

  g_hash_table_remove_all (c->node_index);
  for (guint j = 0; j < n; j++)
    {
      VaNode *node = g_list_model_get_item (nodes, j);
      const char *id = va_node_get_id (node);

      g_ptr_array_add (node_refs, node);
      if (id != NULL && !g_hash_table_contains (c->node_index, id))
        g_hash_table_insert (c->node_index, (gpointer) id, GUINT_TO_POINTER (j + 1));
    }

  if (n > 0 && (start == NULL || start[0] == '\0'))
    add_topic_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_NO_START,
                       g_strdup_printf (_("“%s” has nodes but no start node, so it does nothing."),
                                        topic_display_name (c->topic)));
  else if (start != NULL && start[0] != '\0' &&
           (start_pos = GPOINTER_TO_UINT (g_hash_table_lookup (c->node_index, start))) == 0)
    add_topic_problem (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_DANGLING_EDGE,
                       g_strdup_printf (_("“%s” starts at node “%s”, which does not exist."),
                                        topic_display_name (c->topic), start));

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(GPtrArray) ports = NULL;

      c->node = g_ptr_array_index (node_refs, j);
      c->node_pos = j;
      g_array_append_val (offsets, targets->len);

      ports = va_node_list_ports (c->node);
      for (guint p = 0; p < ports->len; p++)
        {
          VaPort *port = g_ptr_array_index (ports, p);
          const char *target = va_port_get_target (port);
          guint target_pos;

          if (target == NULL || target[0] == '\0')
            continue;
          target_pos = GPOINTER_TO_UINT (g_hash_table_lookup (c->node_index, target));
          if (target_pos == 0)
            check_edge (c, port->label, target);
          else
            {
              target_pos--;
              g_array_append_val (targets, target_pos);
            }
        }
      check_node (c);
    }
  g_array_append_val (offsets, targets->len);

  /* Reachability, only when there is a start to reach from: otherwise every node would be
   * reported along with the missing start. */
  if (start_pos > 0)
    {
      g_autofree gboolean *seen = g_new0 (gboolean, n);
      g_autofree guint *queue = g_new (guint, n);
      guint head = 0, tail = 0;

      seen[start_pos - 1] = TRUE;
      queue[tail++] = start_pos - 1;
      while (head < tail)
        {
          guint j = queue[head++];

          for (guint e = g_array_index (offsets, guint, j); e < g_array_index (offsets, guint, j + 1); e++)
            {
              guint k = g_array_index (targets, guint, e);

              if (!seen[k])
                {
                  seen[k] = TRUE;
                  queue[tail++] = k;
                }
            }
        }

      for (guint j = 0; j < n; j++)
        {
          g_autofree char *label = NULL;

          if (seen[j])
            continue;
          c->node = g_ptr_array_index (node_refs, j);
          c->node_pos = j;
          label = node_label (c->node);
          add_node_problem (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNREACHABLE_NODE,
                            g_strdup_printf (_("%s in “%s” can never be reached from the start of "
                                               "the topic."),
                                             label, topic_display_name (c->topic)));
        }
    }
  c->node = NULL;
}

/* Casefolded, without whitespace and punctuation: "Where's my order?" and "wheres my order" are
 * the same phrase to the recognizer's users. */
static char *
normalize_phrase (const char *phrase)
{
  g_autofree char *folded = g_utf8_casefold (phrase, -1);
  g_autofree char *normalized = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out;

  if (normalized == NULL)
    return NULL;
  out = g_string_sized_new (strlen (normalized));
  for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
        g_string_append_unichar (out, ch);
    }
  return g_string_free (out, FALSE);
}

static gboolean
has_trigger_phrases (VaTopic *topic)
{
  const char * const *phrases = va_topic_get_trigger_phrases (topic);

  for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
    if (!is_blank (phrases[i]))
      return TRUE;
  return FALSE;
}

/* System topics own their phrases first, so a custom topic that repeats "hello" is the one told,
 * not Greeting; among topics of the same sort the first in the bot keeps the phrase. */
static void
check_shared_phrases (Checker *c)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (guint t = 0; t < c->topics->len; t++)
      {
        VaTopic *topic = g_ptr_array_index (c->topics, t);
        const char * const *phrases = va_topic_get_trigger_phrases (topic);

        if (va_topic_is_system (topic) != (pass == 0) || !va_topic_get_enabled (topic))
          continue;
        for (guint i = 0; phrases != NULL && phrases[i] != NULL; i++)
          {
            char *key = normalize_phrase (phrases[i]);
            gpointer owner;

            if (key == NULL || key[0] == '\0')
              {
                g_free (key);
                continue;
              }
            if (!g_hash_table_lookup_extended (owners, key, NULL, &owner))
              {
                g_hash_table_insert (owners, key, GUINT_TO_POINTER (t));
                continue;
              }
            g_free (key);
            if (GPOINTER_TO_UINT (owner) == t)
              continue;
            add_problem_at (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_SHARED_PHRASE, topic, t, NULL, 0,
                            g_strdup_printf (_("The trigger phrase “%s” of “%s” is also a trigger "
                                               "phrase of “%s”."),
                                             phrases[i], topic_display_name (topic),
                                             topic_display_name (g_ptr_array_index (c->topics,
                                                                                    GPOINTER_TO_UINT (owner)))));
          }
      }
}

static void
check_unset_variables (Checker *c)
{
  for (guint i = 0; i < c->reads->len; i++)
    {
      VariableRead *read = &g_array_index (c->reads, VariableRead, i);
      VaTopic *topic;
      g_autoptr(VaNode) node = NULL;
      g_autofree char *label = NULL;

      if (g_hash_table_contains (c->set_variables, read->name))
        continue;
      topic = g_ptr_array_index (c->topics, read->topic_pos);
      node = g_list_model_get_item (va_topic_get_nodes (topic), read->node_pos);
      label = node_label (node);
      add_problem_at (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_UNSET_VARIABLE, topic, read->topic_pos,
                      node, read->node_pos,
                      g_strdup_printf (_("%s in “%s” uses the variable “%s”, which nothing in the "
                                         "bot sets."),
                                       label, topic_display_name (topic), read->name));
    }
}

static void
check_unreachable_topics (Checker *c)
{
  for (guint t = 0; t < c->topics->len; t++)
    {
      VaTopic *topic = g_ptr_array_index (c->topics, t);

      if (va_topic_is_system (topic) || !va_topic_get_enabled (topic) || has_trigger_phrases (topic) ||
          g_hash_table_contains (c->redirected, va_topic_get_id (topic)))
        continue;
      add_problem_at (c, VA_PROBLEM_WARNING, VA_PROBLEM_KIND_NO_TRIGGER, topic, t, NULL, 0,
                      g_strdup_printf (_("“%s” has no trigger phrases and no topic redirects to it, "
                                         "so it never starts."),
                                       topic_display_name (topic)));
    }
}

/* The bot settings' hub link and webhook, shown on the Escalate topic, where the handoff is. */
static void
check_hub_addresses (Checker *c)
{
  VaTopic *escalate = va_bot_find_system_topic (c->bot, VA_SYSTEM_TOPIC_ESCALATE);
  const char *link = va_bot_get_hub_link (c->bot);
  const char *webhook = va_bot_get_webhook_url (c->bot);
  guint position = 0;

  if (escalate == NULL)
    return;
  va_bot_find_topic (c->bot, va_topic_get_id (escalate), &position);
  if (!is_blank (link) && !is_valid_http_url (link))
    add_problem_at (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL, escalate, position, NULL, 0,
                    g_strdup_printf (_("The engagement hub link “%s” in the bot settings is not a "
                                       "valid http or https address, so it will not open."), link));
  if (!is_blank (webhook) && !is_valid_http_url (webhook))
    add_problem_at (c, VA_PROBLEM_ERROR, VA_PROBLEM_KIND_INVALID_URL, escalate, position, NULL, 0,
                    g_strdup_printf (_("The handoff webhook “%s” in the bot settings is not a valid "
                                       "http or https address, so handoffs will not reach it."),
                                     webhook));
}

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
  Checker c = { 0, };
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
  c.reads = g_array_new (FALSE, FALSE, sizeof (VariableRead));
  g_array_set_clear_func (c.reads, variable_read_clear);
  c.redirected = g_hash_table_new (g_str_hash, g_str_equal);
  c.node_index = g_hash_table_new (g_str_hash, g_str_equal);
  c.hub_link_empty = is_blank (hub_link);

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
      check_topic (&c);
    }
  c.topic = NULL;

  check_unset_variables (&c);
  check_unreachable_topics (&c);
  check_shared_phrases (&c);
  check_hub_addresses (&c);

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
