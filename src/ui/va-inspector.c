/* va-inspector.c — every field of the selected node, each edit one undoable step
 *
 * The template has a page per node kind; showing a node binds that page's widgets to the node's
 * properties (va-inspector-fields.c) and its lists (va-inspector-lists.c). Every edit goes
 * through the VaHistory, and every change of the node from elsewhere (undo, the canvas) shows up
 * in the widgets, which listen to the node rather than the other way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "va-inspector-private.h"
#include "va-action-node.h"
#include "va-end-node.h"
#include "va-entity.h"
#include "va-interpolate.h"
#include "va-json-value.h"
#include "va-message-node.h"
#include "va-question-node.h"
#include "va-redirect-node.h"
#include "va-set-variable-node.h"
#include "va-condition-node.h"
#include "va-transfer-node.h"

G_DEFINE_FINAL_TYPE (VaInspector, va_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOT,
  PROP_HISTORY,
  PROP_TOPIC,
  PROP_NODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
nonempty (const char *str)
{
  return str != NULL && str[0] != '\0';
}

static const char *
kind_icon_name (VaNodeKind kind)
{
  switch (kind)
    {
    case VA_NODE_KIND_MESSAGE:      return "user-available-symbolic";
    case VA_NODE_KIND_QUESTION:     return "dialog-question-symbolic";
    case VA_NODE_KIND_CONDITION:    return "media-playlist-shuffle-symbolic";
    case VA_NODE_KIND_SET_VARIABLE: return "document-edit-symbolic";
    case VA_NODE_KIND_ACTION:       return "network-transmit-receive-symbolic";
    case VA_NODE_KIND_REDIRECT:     return "go-jump-symbolic";
    case VA_NODE_KIND_END:          return "call-stop-symbolic";
    case VA_NODE_KIND_ESCALATE:     return "call-outgoing-symbolic";
    case VA_NODE_KIND_TRANSFER:     return "avatar-default-symbolic";
    default:                        return "image-missing-symbolic";
    }
}

/* {{{ Choices from the bot: entities and topics */

static void
fill_entities (VaInspector *self,
               GPtrArray   *ids,
               GPtrArray   *labels)
{
  const char * const *prebuilt = va_entity_list_prebuilt ();

  for (guint i = 0; prebuilt[i] != NULL; i++)
    {
      const char *name = va_inspector_entity_name (prebuilt[i]);

      g_ptr_array_add (ids, g_strdup (prebuilt[i]));
      g_ptr_array_add (labels, g_strdup (name != NULL ? name : prebuilt[i]));
    }
  if (self->bot != NULL)
    {
      GListModel *entities = va_bot_get_entities (self->bot);

      for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
        {
          g_autoptr(VaEntity) entity = g_list_model_get_item (entities, i);
          const char *name = va_entity_get_name (entity);

          g_ptr_array_add (ids, g_strdup (va_entity_get_id (entity)));
          g_ptr_array_add (labels, g_strdup (nonempty (name) ? name : va_entity_get_id (entity)));
        }
    }
}

static void
fill_topics (VaInspector *self,
             GPtrArray   *ids,
             GPtrArray   *labels)
{
  GListModel *topics;

  if (self->bot == NULL)
    return;
  topics = va_bot_get_topics (self->bot);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);
      const char *name = va_topic_get_name (topic);

      g_ptr_array_add (ids, g_strdup (va_topic_get_id (topic)));
      g_ptr_array_add (labels, g_strdup (nonempty (name) ? name : va_topic_get_id (topic)));
    }
}

static void
update_redirect_warning (VaInspector *self)
{
  const char *target;
  VaTopic *topic = NULL;
  g_autofree char *warning = NULL;

  if (!VA_IS_REDIRECT_NODE (self->node))
    return;

  target = va_redirect_node_get_topic (VA_REDIRECT_NODE (self->node));
  if (self->bot != NULL && target != NULL)
    topic = va_bot_find_topic (self->bot, target, NULL);

  if (target == NULL || target[0] == '\0')
    warning = g_strdup (_("Choose the topic to go to."));
  else if (topic == NULL)
    /* Translators: %s is the id of a topic that the bot does not have */
    warning = g_strdup_printf (_("There is no topic “%s”: the conversation cannot go on here."),
                               target);
  else if (!va_topic_get_enabled (topic))
    /* Translators: %s is the name of a topic */
    warning = g_strdup_printf (_("“%s” is turned off: the conversation cannot go there."),
                               va_topic_get_name (topic));

  gtk_label_set_label (self->redirect_warning_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (self->redirect_warning, warning != NULL);
}

static void
topic_renamed_cb (VaTopic     *topic,
                  GParamSpec  *pspec,
                  VaInspector *self)
{
  va_inspector_refresh_ids (GTK_WIDGET (self->redirect_topic));
  update_redirect_warning (self);
}

/* A redirect shows the topics' names and whether its target is on: follow them while it is
 * shown. */
static void
watch_topics (VaInspector *self,
              gboolean     watch)
{
  GListModel *topics;

  if (self->bot == NULL)
    return;
  topics = va_bot_get_topics (self->bot);
  for (guint i = 0; i < g_list_model_get_n_items (topics); i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (topics, i);

      g_signal_handlers_disconnect_by_func (topic, topic_renamed_cb, self);
      if (watch)
        {
          g_signal_connect (topic, "notify::name", G_CALLBACK (topic_renamed_cb), self);
          g_signal_connect (topic, "notify::enabled", G_CALLBACK (topic_renamed_cb), self);
        }
    }
}

static void
bot_topics_changed_cb (GListModel  *topics,
                       guint        position,
                       guint        removed,
                       guint        added,
                       VaInspector *self)
{
  if (VA_IS_REDIRECT_NODE (self->node))
    {
      /* A topic taken out of the bot is no longer listed, so it needs no handler either. */
      watch_topics (self, TRUE);
      va_inspector_refresh_ids (GTK_WIDGET (self->redirect_topic));
      update_redirect_warning (self);
    }
}

static void
bot_entities_changed_cb (GListModel  *entities,
                         guint        position,
                         guint        removed,
                         guint        added,
                         VaInspector *self)
{
  if (VA_IS_QUESTION_NODE (self->node))
    va_inspector_refresh_ids (GTK_WIDGET (self->question_entity));
}

/* }}} */
/* {{{ What depends on other fields */

static void
update_question_mode (VaInspector *self)
{
  VaQuestionMode mode = va_question_node_get_mode (VA_QUESTION_NODE (self->node));
  gboolean choices = mode == VA_QUESTION_MODE_CHOICES;

  gtk_widget_set_visible (self->question_options_group, choices);
  gtk_widget_set_visible (self->question_entity_group, !choices);
}

static const char *
zero_lookup (const char *name,
             gpointer    user_data)
{
  return "0";
}

/* The body is a template: with every {Variable} as 0 it must be JSON (a string value or a
 * number either way). */
static void
update_body_warning (VaInspector *self)
{
  const char *body = va_action_node_get_body (VA_ACTION_NODE (self->node));
  g_autofree char *filled = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gboolean blank = TRUE;

  for (const char *p = body; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      {
        blank = FALSE;
        break;
      }

  if (!blank)
    {
      filled = va_interpolate (body, zero_lookup, NULL, VA_ESCAPE_NONE);
      root = va_json_value_parse (filled, -1, &error);
    }
  gtk_label_set_label (self->action_body_warning_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (self->action_body_warning, error != NULL);
}

static void
node_notify_cb (VaNode      *node,
                GParamSpec  *pspec,
                VaInspector *self)
{
  if (VA_IS_QUESTION_NODE (node) && g_str_equal (pspec->name, "mode"))
    update_question_mode (self);
  else if (VA_IS_ACTION_NODE (node) && g_str_equal (pspec->name, "body"))
    update_body_warning (self);
  else if (VA_IS_REDIRECT_NODE (node) && g_str_equal (pspec->name, "topic"))
    update_redirect_warning (self);
}

/* }}} */
/* {{{ Binding the page of a node */

static void
bind_field (VaInspector *self,
            void       (*bind) (VaInspector *, GtkWidget *, gpointer, const char *),
            gpointer     widget,
            const char  *property)
{
  bind (self, GTK_WIDGET (widget), self->node, property);
  g_ptr_array_add (self->bound, widget);
}

static void
unbind_all (VaInspector *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    va_inspector_unbind (g_ptr_array_index (self->bound, i));
  g_ptr_array_set_size (self->bound, 0);
  for (guint i = 0; i < self->bound_lists->len; i++)
    va_inspector_unbind_list (g_ptr_array_index (self->bound_lists, i));
  g_ptr_array_set_size (self->bound_lists, 0);

  if (VA_IS_REDIRECT_NODE (self->node))
    watch_topics (self, FALSE);
  if (self->node != NULL)
    g_signal_handlers_disconnect_by_data (self->node, self);
  if (self->topic != NULL)
    g_signal_handlers_disconnect_by_data (va_topic_get_nodes (self->topic), self);
  g_clear_handle_id (&self->check_source, g_source_remove);
}

static void
bind_message (VaInspector *self)
{
  bind_field (self, va_inspector_bind_text, self->message_text, "text");
  va_inspector_bind_strv (self, self->message_variations, self->node, "variations");
  g_ptr_array_add (self->bound_lists, self->message_variations);
}

static void
bind_question (VaInspector *self)
{
  VaQuestionNode *question = VA_QUESTION_NODE (self->node);

  bind_field (self, va_inspector_bind_text, self->question_prompt, "prompt");
  bind_field (self, va_inspector_bind_enum, self->question_mode, "mode");
  va_inspector_bind_id (self, GTK_WIDGET (self->question_entity), question, "entity",
                        fill_entities);
  g_ptr_array_add (self->bound, self->question_entity);
  bind_field (self, va_inspector_bind_text, self->question_variable, "variable");
  bind_field (self, va_inspector_bind_text, self->question_reprompt, "reprompt");
  bind_field (self, va_inspector_bind_int, self->question_retries, "retries");
  bind_field (self, va_inspector_bind_enum, self->question_on_failure, "on-failure");
  va_inspector_bind_options (self, va_question_node_get_options (question));
  g_ptr_array_add (self->bound_lists, self->question_options);
  update_question_mode (self);
}

static void
bind_action (VaInspector *self)
{
  bind_field (self, va_inspector_bind_enum, self->action_method, "method");
  bind_field (self, va_inspector_bind_text, self->action_url, "url");
  bind_field (self, va_inspector_bind_int, self->action_timeout, "timeout");
  bind_field (self, va_inspector_bind_text, self->action_body, "body");
  va_inspector_bind_strv (self, self->action_headers, self->node, "headers");
  g_ptr_array_add (self->bound_lists, self->action_headers);
  va_inspector_bind_mappings (self, va_action_node_get_mappings (VA_ACTION_NODE (self->node)));
  g_ptr_array_add (self->bound_lists, self->action_mappings);
  update_body_warning (self);
}

static void
bind_node (VaInspector *self)
{
  VaNodeKind kind = va_node_get_kind (self->node);

  gtk_image_set_from_icon_name (self->kind_icon, kind_icon_name (kind));
  gtk_label_set_label (self->kind_label, va_node_kind_get_display_name (kind));
  gtk_label_set_label (self->id_label, va_node_get_id (self->node));
  gtk_stack_set_visible_child_name (self->kind_stack, va_node_kind_to_string (kind));

  switch (kind)
    {
    case VA_NODE_KIND_MESSAGE:
      bind_message (self);
      break;

    case VA_NODE_KIND_QUESTION:
      bind_question (self);
      break;

    case VA_NODE_KIND_CONDITION:
      va_inspector_bind_branches (self,
                                  va_condition_node_get_branches (VA_CONDITION_NODE (self->node)));
      g_ptr_array_add (self->bound_lists, self->condition_branches);
      break;

    case VA_NODE_KIND_SET_VARIABLE:
      bind_field (self, va_inspector_bind_text, self->set_variable_variable, "variable");
      bind_field (self, va_inspector_bind_text, self->set_variable_value, "value");
      break;

    case VA_NODE_KIND_ACTION:
      bind_action (self);
      break;

    case VA_NODE_KIND_REDIRECT:
      va_inspector_bind_id (self, GTK_WIDGET (self->redirect_topic), self->node, "topic",
                            fill_topics);
      g_ptr_array_add (self->bound, self->redirect_topic);
      watch_topics (self, TRUE);
      update_redirect_warning (self);
      break;

    case VA_NODE_KIND_END:
      bind_field (self, va_inspector_bind_boolean, self->end_survey, "survey");
      break;

    case VA_NODE_KIND_TRANSFER:
      bind_field (self, va_inspector_bind_text, self->transfer_message, "agent-message");
      break;

    case VA_NODE_KIND_ESCALATE:
    default:
      break;
    }

  g_signal_connect (self->node, "notify", G_CALLBACK (node_notify_cb), self);
}

/* A node deleted on the canvas (or whose insertion was undone) is no longer edited here. Checked
 * once the change is over, as a move may take a node out and put it back. */
static gboolean
check_node_cb (gpointer user_data)
{
  VaInspector *self = VA_INSPECTOR (user_data);
  guint position;

  self->check_source = 0;
  if (self->node != NULL && self->topic != NULL &&
      !g_list_store_find (G_LIST_STORE (va_topic_get_nodes (self->topic)), self->node, &position))
    va_inspector_set_node (self, self->topic, NULL);
  return G_SOURCE_REMOVE;
}

static void
topic_nodes_changed_cb (GListModel  *nodes,
                        guint        position,
                        guint        removed,
                        guint        added,
                        VaInspector *self)
{
  if (removed > 0 && self->check_source == 0)
    self->check_source = g_idle_add (check_node_cb, self);
}

/* }}} */
/* {{{ GObject */

static void
va_inspector_dispose (GObject *object)
{
  VaInspector *self = VA_INSPECTOR (object);

  unbind_all (self);
  if (self->bot != NULL)
    {
      g_signal_handlers_disconnect_by_data (va_bot_get_topics (self->bot), self);
      g_signal_handlers_disconnect_by_data (va_bot_get_entities (self->bot), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), VA_TYPE_INSPECTOR);

  g_clear_object (&self->bot);
  g_clear_object (&self->history);
  g_clear_object (&self->topic);
  g_clear_object (&self->node);
  G_OBJECT_CLASS (va_inspector_parent_class)->dispose (object);
}

static void
va_inspector_finalize (GObject *object)
{
  VaInspector *self = VA_INSPECTOR (object);

  g_clear_pointer (&self->bound, g_ptr_array_unref);
  g_clear_pointer (&self->bound_lists, g_ptr_array_unref);
  G_OBJECT_CLASS (va_inspector_parent_class)->finalize (object);
}

static void
va_inspector_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VaInspector *self = VA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_BOT:
      g_value_set_object (value, self->bot);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_TOPIC:
      g_value_set_object (value, self->topic);
      break;

    case PROP_NODE:
      g_value_set_object (value, self->node);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_inspector_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VaInspector *self = VA_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_BOT:
      va_inspector_set_bot (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      va_inspector_set_history (self, g_value_get_object (value));
      break;

    case PROP_TOPIC:
      va_inspector_set_node (self, g_value_get_object (value), NULL);
      break;

    case PROP_NODE:
      va_inspector_set_node (self, self->topic, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_inspector_class_init (VaInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = va_inspector_dispose;
  object_class->finalize = va_inspector_finalize;
  object_class->get_property = va_inspector_get_property;
  object_class->set_property = va_inspector_set_property;

  properties[PROP_BOT] =
    g_param_spec_object ("bot", NULL, NULL, VA_TYPE_BOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, VA_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOPIC] =
    g_param_spec_object ("topic", NULL, NULL, VA_TYPE_TOPIC,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NODE] =
    g_param_spec_object ("node", NULL, NULL, VA_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/VirtualAgent/ui/va-inspector.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_bind_template_child (widget_class, VaInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, placeholder);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, kind_label);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, id_label);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, kind_stack);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, message_text);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, message_variations);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, message_add_variation);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_prompt);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_mode);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_options_group);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_options);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_add_option);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_entity_group);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_entity);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_variable);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_reprompt);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_retries);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, question_on_failure);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, condition_branches);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, condition_add_branch);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, set_variable_variable);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, set_variable_value);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_method);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_url);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_timeout);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_headers);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_add_header);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_body);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_body_warning);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_body_warning_label);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_mappings);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, action_add_mapping);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, redirect_topic);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, redirect_warning);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, redirect_warning_label);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, end_survey);
  gtk_widget_class_bind_template_child (widget_class, VaInspector, transfer_message);
}

static void
va_inspector_init (VaInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound = g_ptr_array_new ();
  self->bound_lists = g_ptr_array_new ();
  va_inspector_add_variable_menu (self, self->question_variable, FALSE);
  va_inspector_add_variable_menu (self, self->set_variable_variable, FALSE);
  va_inspector_lists_init (self);
}

/* }}} */
/* {{{ Public */

GtkWidget *
va_inspector_new (void)
{
  return g_object_new (VA_TYPE_INSPECTOR, NULL);
}

/**
 * va_inspector_set_bot:
 * @self: an inspector
 * @bot: (nullable): the bot whose topics, entities and variables the fields offer
 */
void
va_inspector_set_bot (VaInspector *self,
                      VaBot       *bot)
{
  g_return_if_fail (VA_IS_INSPECTOR (self));
  g_return_if_fail (bot == NULL || VA_IS_BOT (bot));

  if (self->bot == bot)
    return;

  va_inspector_set_node (self, NULL, NULL);
  if (self->bot != NULL)
    {
      g_signal_handlers_disconnect_by_data (va_bot_get_topics (self->bot), self);
      g_signal_handlers_disconnect_by_data (va_bot_get_entities (self->bot), self);
    }
  g_set_object (&self->bot, bot);
  if (bot != NULL)
    {
      g_signal_connect (va_bot_get_topics (bot), "items-changed",
                        G_CALLBACK (bot_topics_changed_cb), self);
      g_signal_connect (va_bot_get_entities (bot), "items-changed",
                        G_CALLBACK (bot_entities_changed_cb), self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOT]);
}

VaBot *
va_inspector_get_bot (VaInspector *self)
{
  g_return_val_if_fail (VA_IS_INSPECTOR (self), NULL);

  return self->bot;
}

/**
 * va_inspector_set_history:
 * @self: an inspector
 * @history: (nullable): where every edit goes; without one, edits change the node directly
 */
void
va_inspector_set_history (VaInspector *self,
                          VaHistory   *history)
{
  g_return_if_fail (VA_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || VA_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

VaHistory *
va_inspector_get_history (VaInspector *self)
{
  g_return_val_if_fail (VA_IS_INSPECTOR (self), NULL);

  return self->history;
}

VaNode *
va_inspector_get_node (VaInspector *self)
{
  g_return_val_if_fail (VA_IS_INSPECTOR (self), NULL);

  return self->node;
}

VaTopic *
va_inspector_get_topic (VaInspector *self)
{
  g_return_val_if_fail (VA_IS_INSPECTOR (self), NULL);

  return self->topic;
}

/**
 * va_inspector_set_node:
 * @self: an inspector
 * @topic: (nullable): the topic that holds @node
 * @node: (nullable): the node to edit, or %NULL for the placeholder
 *
 * Shows the fields of @node. The edit in progress (typing in a field) ends here: what comes next
 * is a new undo step.
 */
void
va_inspector_set_node (VaInspector *self,
                       VaTopic     *topic,
                       VaNode      *node)
{
  gboolean topic_changed, node_changed;

  g_return_if_fail (VA_IS_INSPECTOR (self));
  g_return_if_fail (topic == NULL || VA_IS_TOPIC (topic));
  g_return_if_fail (node == NULL || VA_IS_NODE (node));

  topic_changed = self->topic != topic;
  node_changed = self->node != node;
  if (!topic_changed && !node_changed)
    return;

  if (self->history != NULL)
    va_history_seal (self->history);
  unbind_all (self);
  g_set_object (&self->topic, topic);
  g_set_object (&self->node, node);

  if (node != NULL)
    {
      bind_node (self);
      if (topic != NULL)
        g_signal_connect (va_topic_get_nodes (topic), "items-changed",
                          G_CALLBACK (topic_nodes_changed_cb), self);
      gtk_stack_set_visible_child_name (self->stack, "node");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  if (topic_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPIC]);
  if (node_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NODE]);
}

/* }}} */
