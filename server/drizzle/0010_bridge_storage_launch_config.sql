CREATE TABLE "miniapp_storage" (
	"user_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "miniapp_storage_user_id_app_id_key_pk" PRIMARY KEY("user_id","app_id","key"),
	CONSTRAINT "miniapp_storage_key_length" CHECK (char_length("miniapp_storage"."key") between 1 and 128),
	CONSTRAINT "miniapp_storage_value_size" CHECK (octet_length("miniapp_storage"."value") <= 4096)
);
--> statement-breakpoint
ALTER TABLE "miniapps" ADD COLUMN "launch_config" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "miniapp_storage" ADD CONSTRAINT "miniapp_storage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "miniapp_storage" ADD CONSTRAINT "miniapp_storage_app_id_miniapps_app_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."miniapps"("app_id") ON DELETE no action ON UPDATE no action;