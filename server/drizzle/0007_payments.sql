CREATE TABLE "miniapp_subscriptions" (
	"user_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"template_id" text NOT NULL,
	"remaining" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "miniapp_subscriptions_user_id_app_id_template_id_pk" PRIMARY KEY("user_id","app_id","template_id"),
	CONSTRAINT "miniapp_subscriptions_remaining" CHECK ("miniapp_subscriptions"."remaining" between 0 and 1000)
);
--> statement-breakpoint
CREATE TABLE "miniapp_recents" (
	"user_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "miniapp_recents_user_id_app_id_pk" PRIMARY KEY("user_id","app_id")
);
--> statement-breakpoint
CREATE TABLE "debit_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"description" text NOT NULL,
	"monthly_limit_fen" bigint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "debit_agreements_limit_positive" CHECK ("debit_agreements"."monthly_limit_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"open_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"agreement_id" text,
	"payment_entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "payment_orders_app_out_trade_no_uq" UNIQUE("app_id","out_trade_no"),
	CONSTRAINT "payment_orders_amount_positive" CHECK ("payment_orders"."amount_fen" > 0),
	CONSTRAINT "payment_orders_refund_bounds" CHECK ("payment_orders"."refunded_fen" >= 0 and "payment_orders"."refunded_fen" <= "payment_orders"."amount_fen"),
	CONSTRAINT "payment_orders_status_valid" CHECK ("payment_orders"."status" in ('pending', 'paid', 'closed', 'refunded')),
	CONSTRAINT "payment_orders_paid_at" CHECK (("payment_orders"."status" in ('paid', 'refunded')) = ("payment_orders"."paid_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"app_id" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text,
	"entry_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_refunds_app_out_refund_no_uq" UNIQUE("app_id","out_refund_no"),
	CONSTRAINT "payment_refunds_amount_positive" CHECK ("payment_refunds"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "service_user_id" uuid;--> statement-breakpoint
ALTER TABLE "miniapps" ADD COLUMN "secret_sealed" text;--> statement-breakpoint
ALTER TABLE "miniapp_subscriptions" ADD CONSTRAINT "miniapp_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_subscriptions" ADD CONSTRAINT "miniapp_subscriptions_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_recents" ADD CONSTRAINT "miniapp_recents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_recents" ADD CONSTRAINT "miniapp_recents_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_agreements" ADD CONSTRAINT "debit_agreements_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debit_agreements" ADD CONSTRAINT "debit_agreements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_agreement_id_debit_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."debit_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_orders" ADD CONSTRAINT "payment_orders_payment_entry_id_journal_entries_id_fk" FOREIGN KEY ("payment_entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_order_id_payment_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."payment_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "miniapp_recents_user_idx" ON "miniapp_recents" USING btree ("user_id","opened_at");--> statement-breakpoint
CREATE INDEX "debit_agreements_user_idx" ON "debit_agreements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "payment_orders_agreement_paid_idx" ON "payment_orders" USING btree ("agreement_id","paid_at");--> statement-breakpoint
CREATE INDEX "payment_refunds_order_idx" ON "payment_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "webhook_events_due_idx" ON "webhook_events" USING btree ("next_attempt_at") WHERE "webhook_events"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_events_app_idx" ON "webhook_events" USING btree ("app_id","created_at");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_service_user_id_users_id_fk" FOREIGN KEY ("service_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_service_user_id_unique" UNIQUE("service_user_id");--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_service_user" CHECK (("conversations"."type" = 'service') = ("conversations"."service_user_id" is not null));