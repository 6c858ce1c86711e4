CREATE TABLE "miniapp_versions" (
	"app_id" text NOT NULL,
	"version" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"manifest" jsonb NOT NULL,
	"bytes" integer NOT NULL,
	"files" integer NOT NULL,
	"release_percent" integer DEFAULT 0 NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "miniapp_versions_app_id_version_pk" PRIMARY KEY("app_id","version"),
	CONSTRAINT "miniapp_versions_percent" CHECK ("miniapp_versions"."release_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "miniapps" (
	"app_id" text PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"icon_url" text,
	"category" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret_hash" text NOT NULL,
	"webhook_url" text,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "miniapps_app_id" CHECK ("miniapps"."app_id" ~ '^mp[a-z0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "miniapp_versions" ADD CONSTRAINT "miniapp_versions_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapps" ADD CONSTRAINT "miniapps_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "miniapp_versions_status_idx" ON "miniapp_versions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "miniapps_owner_idx" ON "miniapps" USING btree ("owner_id");