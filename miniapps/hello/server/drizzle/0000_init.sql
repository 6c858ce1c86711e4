CREATE SCHEMA "app_hello";
--> statement-breakpoint
CREATE TABLE "app_hello"."order_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"type" text NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "app_hello"."order_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_hello"."orders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"out_trade_no" text NOT NULL,
	"open_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"refunded_fen" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"refund_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "orders_out_trade_no_unique" UNIQUE("out_trade_no"),
	CONSTRAINT "orders_amount_positive" CHECK ("app_hello"."orders"."amount_fen" > 0),
	CONSTRAINT "orders_refund_within_amount" CHECK ("app_hello"."orders"."refunded_fen" between 0 and "app_hello"."orders"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "app_hello"."sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"open_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_hello"."webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_hello"."order_events" ADD CONSTRAINT "order_events_event_id_webhook_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "app_hello"."webhook_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_hello"."order_events" ADD CONSTRAINT "order_events_order_id_orders_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "app_hello"."orders"("order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_events_order_id_idx" ON "app_hello"."order_events" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "orders_open_id_idx" ON "app_hello"."orders" USING btree ("open_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "app_hello"."sessions" USING btree ("expires_at");