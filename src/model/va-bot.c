/* va-bot.c
 *
 * The document: a bot's settings, variables, entities and topics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "va-bot.h"
#include "va-topic.h"
#include "va-variable.h"
#include "va-entity.h"

struct _VaBot
{
  GObject parent_instance;

  char *id;
  char *name;
  char *language;
  char *hub_link;
  char *webhook_url;
  int threshold;
  int margin;
  int escalate_after;
  gboolean test_hub;
  GListStore *topics;
  GListStore *variables;
  GListStore *entities;
};

G_DEFINE_FINAL_TYPE (VaBot, va_bot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LANGUAGE,
  PROP_HUB_LINK,
  PROP_WEBHOOK_URL,
  PROP_THRESHOLD,
  PROP_MARGIN,
  PROP_ESCALATE_AFTER,
  PROP_TEST_HUB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
va_bot_finalize (GObject *object)
{
  VaBot *self = (VaBot *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->hub_link, g_free);
  g_clear_pointer (&self->webhook_url, g_free);
  g_clear_object (&self->topics);
  g_clear_object (&self->variables);
  g_clear_object (&self->entities);

  G_OBJECT_CLASS (va_bot_parent_class)->finalize (object);
}

static void
va_bot_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  VaBot *self = VA_BOT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_HUB_LINK:
      g_value_set_string (value, self->hub_link);
      break;

    case PROP_WEBHOOK_URL:
      g_value_set_string (value, self->webhook_url);
      break;

    case PROP_THRESHOLD:
      g_value_set_int (value, self->threshold);
      break;

    case PROP_MARGIN:
      g_value_set_int (value, self->margin);
      break;

    case PROP_ESCALATE_AFTER:
      g_value_set_int (value, self->escalate_after);
      break;
    case PROP_TEST_HUB:
      g_value_set_boolean (value, self->test_hub);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_bot_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  VaBot *self = VA_BOT (object);

  switch (prop_id)
    {
    case PROP_ID:
      va_bot_set_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      va_bot_set_name (self, g_value_get_string (value));
      break;

    case PROP_LANGUAGE:
      va_bot_set_language (self, g_value_get_string (value));
      break;

    case PROP_HUB_LINK:
      va_bot_set_hub_link (self, g_value_get_string (value));
      break;

    case PROP_WEBHOOK_URL:
      va_bot_set_webhook_url (self, g_value_get_string (value));
      break;

    case PROP_THRESHOLD:
      va_bot_set_threshold (self, g_value_get_int (value));
      break;

    case PROP_MARGIN:
      va_bot_set_margin (self, g_value_get_int (value));
      break;

    case PROP_ESCALATE_AFTER:
      va_bot_set_escalate_after (self, g_value_get_int (value));
      break;
    case PROP_TEST_HUB:
      va_bot_set_test_hub (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
va_bot_class_init (VaBotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = va_bot_finalize;
  object_class->get_property = va_bot_get_property;
  object_class->set_property = va_bot_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HUB_LINK] =
    g_param_spec_string ("hub-link", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEBHOOK_URL] =
    g_param_spec_string ("webhook-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_int ("threshold", NULL, NULL, 0, 1000, 140,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARGIN] =
    g_param_spec_int ("margin", NULL, NULL, 0, 1000, 15,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ESCALATE_AFTER] =
    g_param_spec_int ("escalate-after", NULL, NULL, 0, 100, 3,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Test chats hand off to the hub built into the app instead of the hub link. */
  properties[PROP_TEST_HUB] =
    g_param_spec_boolean ("test-hub", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
va_bot_init (VaBot *self)
{
  self->language = g_strdup ("en");
  self->threshold = 140;
  self->margin = 15;
  self->escalate_after = 3;
  self->topics = g_list_store_new (VA_TYPE_TOPIC);
  self->variables = g_list_store_new (VA_TYPE_VARIABLE);
  self->entities = g_list_store_new (VA_TYPE_ENTITY);
}

VaBot *
va_bot_new (void)
{
  return g_object_new (VA_TYPE_BOT, NULL);
}

const char *
va_bot_get_id (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return self->id;
}

void
va_bot_set_id (VaBot *self,
               const char *id)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (va_str_set (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
va_bot_get_name (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return self->name;
}

void
va_bot_set_name (VaBot *self,
                 const char *name)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (va_str_set (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
va_bot_get_language (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return self->language;
}

void
va_bot_set_language (VaBot *self,
                     const char *language)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (va_str_set (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
va_bot_get_hub_link (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return self->hub_link;
}

void
va_bot_set_hub_link (VaBot *self,
                     const char *hub_link)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (va_str_set (&self->hub_link, hub_link))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB_LINK]);
}

const char *
va_bot_get_webhook_url (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return self->webhook_url;
}

void
va_bot_set_webhook_url (VaBot *self,
                        const char *webhook_url)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (va_str_set (&self->webhook_url, webhook_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBHOOK_URL]);
}

int
va_bot_get_threshold (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), 0);

  return self->threshold;
}

void
va_bot_set_threshold (VaBot *self,
                      int threshold)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (self->threshold != threshold)
    {
      self->threshold = threshold;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
    }
}

int
va_bot_get_margin (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), 0);

  return self->margin;
}

void
va_bot_set_margin (VaBot *self,
                   int margin)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (self->margin != margin)
    {
      self->margin = margin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARGIN]);
    }
}

int
va_bot_get_escalate_after (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), 0);

  return self->escalate_after;
}

void
va_bot_set_escalate_after (VaBot *self,
                           int escalate_after)
{
  g_return_if_fail (VA_IS_BOT (self));

  if (self->escalate_after != escalate_after)
    {
      self->escalate_after = escalate_after;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESCALATE_AFTER]);
    }
}

/**
 * va_bot_get_topics:
 *
 * Returns: (transfer none): the list of #VaTopic (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_bot_get_topics (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return G_LIST_MODEL (self->topics);
}

/**
 * va_bot_get_variables:
 *
 * Returns: (transfer none): the list of #VaVariable (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_bot_get_variables (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return G_LIST_MODEL (self->variables);
}

/**
 * va_bot_get_entities:
 *
 * Returns: (transfer none): the list of #VaEntity (a #GListStore; edit it through #VaHistory)
 */
GListModel *
va_bot_get_entities (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return G_LIST_MODEL (self->entities);
}

/**
 * va_bot_find_topic:
 * @self: a bot
 * @id: a topic id
 * @position: (out) (optional): where the topic stands in the list of topics
 *
 * Returns: (transfer none) (nullable): the topic with @id, or %NULL
 */
VaTopic *
va_bot_find_topic (VaBot      *self,
                   const char *id,
                   guint      *position)
{
  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  return va_list_find_by_id (G_LIST_MODEL (self->topics), (gpointer) va_topic_get_id, id, position);
}

/**
 * va_bot_find_system_topic:
 * @self: a bot
 * @kind: a system topic kind other than %VA_SYSTEM_TOPIC_NONE
 *
 * Returns: (transfer none) (nullable): the first topic of that kind
 */
VaTopic *
va_bot_find_system_topic (VaBot         *self,
                          VaSystemTopic  kind)
{
  guint n;

  g_return_val_if_fail (VA_IS_BOT (self), NULL);
  g_return_val_if_fail (kind != VA_SYSTEM_TOPIC_NONE, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->topics));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VaTopic) topic = g_list_model_get_item (G_LIST_MODEL (self->topics), i);

      if (va_topic_get_system (topic) == kind)
        return topic;
    }

  return NULL;
}

/**
 * va_bot_make_topic_id:
 * @self: a bot
 * @name: (nullable): the topic's name, to make the id readable
 *
 * Makes a stable id from @name ("Store hours" → "store-hours"), with a
 * number appended when another topic has it already.
 *
 * Returns: (transfer full): an id no topic of the bot has
 */
char *
va_bot_make_topic_id (VaBot      *self,
                      const char *name)
{
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  char *id;

  g_return_val_if_fail (VA_IS_BOT (self), NULL);

  ascii = name != NULL ? g_str_to_ascii (name, "C") : g_strdup ("");
  for (const char *p = ascii; *p != '\0' && base->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "topic");

  id = g_strdup (base->str);
  for (guint i = 2; va_bot_find_topic (self, id, NULL) != NULL; i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, i);
    }

  return id;
}

gboolean
va_bot_get_test_hub (VaBot *self)
{
  g_return_val_if_fail (VA_IS_BOT (self), FALSE);

  return self->test_hub;
}

void
va_bot_set_test_hub (VaBot    *self,
                     gboolean  test_hub)
{
  g_return_if_fail (VA_IS_BOT (self));

  test_hub = !!test_hub;
  if (self->test_hub != test_hub)
    {
      self->test_hub = test_hub;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST_HUB]);
    }
}
