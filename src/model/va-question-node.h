/* va-question-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "va-types.h"
#include "va-node.h"

G_BEGIN_DECLS

#define VA_TYPE_QUESTION_NODE (va_question_node_get_type ())
G_DECLARE_FINAL_TYPE (VaQuestionNode, va_question_node, VA, QUESTION_NODE, VaNode)

VaQuestionNode *va_question_node_new (const char *id);
const char *va_question_node_get_prompt (VaQuestionNode *self);
void va_question_node_set_prompt (VaQuestionNode *self, const char *prompt);
VaQuestionMode va_question_node_get_mode (VaQuestionNode *self);
void va_question_node_set_mode (VaQuestionNode *self, VaQuestionMode mode);
const char *va_question_node_get_entity (VaQuestionNode *self);
void va_question_node_set_entity (VaQuestionNode *self, const char *entity);
const char *va_question_node_get_variable (VaQuestionNode *self);
void va_question_node_set_variable (VaQuestionNode *self, const char *variable);
const char *va_question_node_get_reprompt (VaQuestionNode *self);
void va_question_node_set_reprompt (VaQuestionNode *self, const char *reprompt);
int va_question_node_get_retries (VaQuestionNode *self);
void va_question_node_set_retries (VaQuestionNode *self, int retries);
VaFailureAction va_question_node_get_on_failure (VaQuestionNode *self);
void va_question_node_set_on_failure (VaQuestionNode *self, VaFailureAction on_failure);
GListModel *va_question_node_get_options (VaQuestionNode *self);

G_END_DECLS
