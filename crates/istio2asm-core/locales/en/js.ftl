# js — en
