CREATE TABLE "miniapp_consents" (
	"user_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"scope" text NOT NULL,
	"granted" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "miniapp_consents_user_id_app_id_scope_pk" PRIMARY KEY("user_id","app_id","scope")
);
--> statement-breakpoint
CREATE TABLE "miniapp_login_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"app_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "miniapp_openids" (
	"app_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"open_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "miniapp_openids_app_id_user_id_pk" PRIMARY KEY("app_id","user_id"),
	CONSTRAINT "miniapp_openids_open_id_uq" UNIQUE("open_id")
);
--> statement-breakpoint
ALTER TABLE "miniapp_consents" ADD CONSTRAINT "miniapp_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_consents" ADD CONSTRAINT "miniapp_consents_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_login_codes" ADD CONSTRAINT "miniapp_login_codes_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_login_codes" ADD CONSTRAINT "miniapp_login_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_openids" ADD CONSTRAINT "miniapp_openids_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_openids" ADD CONSTRAINT "miniapp_openids_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "miniapp_login_codes_expiry_idx" ON "miniapp_login_codes" USING btree ("expires_at");